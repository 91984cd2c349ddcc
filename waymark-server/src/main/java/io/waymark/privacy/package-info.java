/** Privacy: erasure of one person's data everywhere Waymark keeps it, with an audit trail. */
package io.waymark.privacy;
