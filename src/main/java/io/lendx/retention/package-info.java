/** The retention job: what the service keeps only for a while, deleted on a schedule by one instance at a time. */
package io.lendx.retention;
