package io.waymark.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials for the first start, normally from {@code WAYMARK_ADMIN_PASSWORD}, {@code
 * WAYMARK_INGEST_KEY} and {@code WAYMARK_ADMIN_KEY} (see application.yml); blank means generate.
 */
@ConfigurationProperties("waymark.bootstrap")
public record BootstrapSettings(
    @DefaultValue("admin") String adminUsername,
    @DefaultValue("") String adminPassword,
    @DefaultValue("") String ingestKey,
    @DefaultValue("") String adminKey) {}
