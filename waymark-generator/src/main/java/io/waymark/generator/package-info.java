/** The mock data generator: its command line, dispatching to the send and files commands. */
package io.waymark.generator;
