/**
 * The optional Redis every instance shares ({@code REDIS_URL}): one connection per instance that
 * is opened again by itself when Redis comes back, and its health.
 */
package io.lendx.redis;
