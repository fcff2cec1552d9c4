/** Privacy: erasing a user's off-chain personal data (the right to be forgotten). */
package io.lendx.privacy;
