/** The starting point of every in-process (Caffeine) cache: {@link io.lendx.localcache.LocalCaches}. */
package io.lendx.localcache;
