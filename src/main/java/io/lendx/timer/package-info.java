/**
 * One timing wheel for the alarms that are set by the thousand and nearly all cancelled: request
 * deadlines and connection pool acquisitions that wait ({@link io.lendx.timer.DeadlineTimer}).
 */
package io.lendx.timer;
