package io.waymark.generator.event;

/** The device context of an event: IP address, user agent, locale and ISO-3166 country. */
public record EventContext(String ip, String userAgent, String locale, String country) {}
