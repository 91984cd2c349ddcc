/**
 * Per-person data keys: what the log and the stream state are encrypted with, and forget on
 * erasure.
 */
package io.waymark.vault;
