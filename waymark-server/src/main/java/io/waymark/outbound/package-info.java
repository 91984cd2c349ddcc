/** Requests Waymark sends out (sources, webhooks): only to addresses it may reach. */
package io.waymark.outbound;
