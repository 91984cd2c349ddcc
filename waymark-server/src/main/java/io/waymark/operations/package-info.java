/**
 * Running Waymark: its version and commit, the status-only health on the main port, the health
 * report for the web app, and the start and stop lines of the log.
 */
package io.waymark.operations;
