package io.lendx.tracing;

import io.opentelemetry.api.common.AttributeKey;

import java.util.List;

/** The attribute names spans carry: OpenTelemetry's semantic conventions where they have one, {@code lendx.*} otherwise. */
final class Attribute {

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("lendx.request_id");
    static final AttributeKey<String> CACHE = AttributeKey.stringKey("lendx.cache");

    static final AttributeKey<String> GRAPHQL_OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<String> GRAPHQL_OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> GRAPHQL_DOCUMENT_HASH = AttributeKey.stringKey("lendx.graphql.document.sha256");
    static final AttributeKey<String> GRAPHQL_OUTCOME = AttributeKey.stringKey("lendx.graphql.outcome");
    static final AttributeKey<List<String>> GRAPHQL_ERROR_CODES = AttributeKey.stringArrayKey("lendx.graphql.error_codes");
    static final AttributeKey<Long> GRAPHQL_COST = AttributeKey.longKey("lendx.graphql.cost");
    static final AttributeKey<Long> GRAPHQL_STATEMENTS = AttributeKey.longKey("lendx.db.statements");

    static final AttributeKey<String> GRAPHQL_WS_OPERATION_ID = AttributeKey.stringKey("lendx.graphql_ws.operation_id");

    static final AttributeKey<String> DATALOADER_NAME = AttributeKey.stringKey("lendx.dataloader.name");
    static final AttributeKey<Long> DATALOADER_KEYS = AttributeKey.longKey("lendx.dataloader.keys");

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<Long> DB_RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");
    static final AttributeKey<String> DB_TRANSACTION_OUTCOME = AttributeKey.stringKey("lendx.db.transaction.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private Attribute() {
    }
}
