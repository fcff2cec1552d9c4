/** Scheduled jobs that run on every instance while only one of them does each round's work. */
package io.lendx.jobs;
