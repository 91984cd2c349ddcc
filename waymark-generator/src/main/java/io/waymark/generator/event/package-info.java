/** Generated events and their rendering to the JSON of docs/event-model.md. */
package io.waymark.generator.event;
