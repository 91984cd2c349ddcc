/** Connected sources: files pulled from a URL or a server path on a schedule and imported. */
package io.waymark.sources;
