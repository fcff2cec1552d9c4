/** How {@code /health} adds up its checks: advisory checks show their details but never make an instance DOWN. */
package io.lendx.health;
