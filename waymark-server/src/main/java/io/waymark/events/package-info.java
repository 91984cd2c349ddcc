/** The normalised event (schema version 1) and its encoding on the event log. */
package io.waymark.events;
