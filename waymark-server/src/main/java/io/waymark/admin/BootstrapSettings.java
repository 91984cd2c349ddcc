package io.waymark.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials for the first start, normally from {@code WAYMARK_ADMIN_PASSWORD}, {@code
 * WAYMARK_INGEST_KEY} and {@code WAYMARK_ADMIN_KEY} (see application.yml); blank means generate.
 * {@code ingestKeyOrigins}, when given, replaces the bootstrap ingest key's allowed browser origins
 * at every start ({@code WAYMARK_BOOTSTRAP_INGEST_KEY_ORIGINS=https://shop.example.com,...}).
 */
@ConfigurationProperties("waymark.bootstrap")
public record BootstrapSettings(
    @DefaultValue("admin") String adminUsername,
    @DefaultValue("") String adminPassword,
    @DefaultValue("") String ingestKey,
    @DefaultValue("") String adminKey,
    @DefaultValue({}) List<String> ingestKeyOrigins) {}
