/**
 * The HTTP transport: the {@code /graphql} controller (GraphQL over HTTP, media types, status
 * codes), request ids and the access log, error bodies for what Micronaut refuses itself, and
 * JSON written straight into network buffers.
 */
package io.lendx.http;
