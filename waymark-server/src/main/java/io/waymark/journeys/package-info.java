/** User search and journeys: a user's sessions over a period, built with the 30-minute rule. */
package io.waymark.journeys;
