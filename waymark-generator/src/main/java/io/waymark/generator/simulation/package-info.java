/** Simulated shoppers: a deterministic, time-ordered stream of their events. */
package io.waymark.generator.simulation;
