/** Wiring only: settings, clock, security, error format. No product logic lives here. */
package io.waymark.platform;
