/**
 * Profiles: the 7-day behavioural profile of a user, kept as daily buckets in the stream's per-user
 * state and served from there ({@code GET /v1/user/{user_id}}).
 */
package io.waymark.profiles;
