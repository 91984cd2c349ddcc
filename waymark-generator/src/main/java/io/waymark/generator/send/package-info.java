/** The send command: paces simulated events to the collector in real time, with retries. */
package io.waymark.generator.send;
