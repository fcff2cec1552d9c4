-- wrk script: POST the MarketplaceOverview operation (graphql/operations/marketplace) as JSON.
local file = io.open(os.getenv("OPERATION") or "../graphql/operations/marketplace/MarketplaceOverview.graphql")
local query = file:read("*a")
file:close()
query = query:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", "\\n")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.body = '{"query":"' .. query .. '","variables":{"first":20}}'

function response(status, headers, body)
  if status ~= 200 or body:find('"errors"') then
    io.stderr:write("unexpected response " .. status .. ": " .. body:sub(1, 200) .. "\n")
  end
end
