-- The audit log keeps a client's network, not its address (ClientNetwork): an IPv4 /24, an IPv6
-- /48. Rows written before this migration are brought to the same form here, the one time the
-- append-only trigger is set aside; anything that is not an IP address is dropped.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete;
UPDATE audit_events
SET client_address = CASE
        WHEN client_address ~ '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$'
            THEN host(network(set_masklen(client_address::inet, 24))) || '/24'
        WHEN client_address ~ '^[0-9A-Fa-f:]+$' AND client_address LIKE '%:%'
            THEN host(network(set_masklen(client_address::inet, 48))) || '/48'
    END
WHERE client_address IS NOT NULL;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete;
