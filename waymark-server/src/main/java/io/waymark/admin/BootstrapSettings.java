package io.waymark.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials for the first start, normally from {@code WAYMARK_ADMIN_PASSWORD}, {@code
 * WAYMARK_INGEST_KEY} and {@code WAYMARK_ADMIN_KEY} (see application.yml); blank means generate.
 * {@code ingestKeyOrigins}, when given, replaces the bootstrap ingest key's allowed browser origins
 * at every start ({@code WAYMARK_BOOTSTRAP_INGEST_KEY_ORIGINS=https://shop.example.com,...}). A
 * given admin password must pass the same rules as any password, or Waymark does not start.
 */
@ConfigurationProperties("waymark.bootstrap")
public record BootstrapSettings(
    @DefaultValue("admin") String adminUsername,
    @DefaultValue("") String adminPassword,
    @DefaultValue("") String ingestKey,
    @DefaultValue("") String adminKey,
    @DefaultValue({}) List<String> ingestKeyOrigins) {

  public BootstrapSettings {
    if (adminPassword != null && !adminPassword.isBlank()) {
      Problems.passwordProblem(adminPassword)
          .ifPresent(
              reason -> {
                throw new IllegalArgumentException(
                    "WAYMARK_ADMIN_PASSWORD (waymark.bootstrap.admin-password) "
                        + reason
                        + "; set a longer or plainer password, or leave it unset to have one"
                        + " generated");
              });
    }
  }
}
