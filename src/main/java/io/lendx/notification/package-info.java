/** PostgreSQL LISTEN/NOTIFY: one connection per instance, shared by the channels' listeners. */
package io.lendx.notification;
