package io.waymark.exports;

import io.waymark.platform.ApiException;
import io.waymark.vault.MasterKey;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Export configurations in the metadata database. */
final class ExportConfigs {

  private static final String COLUMNS =
      "id, name, datasets, format, destination, directory, webhook_url, webhook_secret,"
          + " schedule_time, enabled, created_by, created_at, updated_at";
  private static final SecureRandom RANDOM = new SecureRandom();

  static final String SECRET = "export_configs.webhook_secret";

  private final JdbcClient jdbc;
  private final MasterKey masterKey;

  ExportConfigs(JdbcClient jdbc, MasterKey masterKey) {
    this.jdbc = jdbc;
    this.masterKey = masterKey;
  }

  /** Encrypts webhook secrets stored in plain text, each row only if it still holds that value. */
  int encryptPlainSecrets() {
    int n = 0;
    for (var row :
        jdbc.sql("SELECT id, webhook_secret FROM export_configs WHERE webhook_secret IS NOT NULL")
            .query()
            .listOfRows()) {
      String plain = (String) row.get("webhook_secret");
      if (!MasterKey.isSealed(plain)) {
        n +=
            jdbc.sql(
                    "UPDATE export_configs SET webhook_secret = ? WHERE id = ? AND webhook_secret = ?")
                .params(masterKey.seal(plain, SECRET), row.get("id"), plain)
                .update();
      }
    }
    return n;
  }

  ExportConfig create(ExportInput.Checked in, String by, long at) {
    String secret = null;
    if (in.destination() == ExportConfig.Destination.WEBHOOK) {
      byte[] b = new byte[24];
      RANDOM.nextBytes(b);
      secret = "whsec_" + HexFormat.of().formatHex(b);
    }
    String id = UUID.randomUUID().toString();
    try {
      jdbc.sql("INSERT INTO export_configs (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
          .params(
              id,
              in.name(),
              datasets(in.datasets()),
              in.format().name(),
              in.destination().name(),
              in.directory(),
              in.webhookUrl(),
              masterKey.seal(secret, SECRET),
              in.scheduleTime().format(ExportInput.HH_MM),
              in.enabled(),
              by,
              at,
              at)
          .update();
    } catch (DuplicateKeyException e) {
      throw taken(in.name());
    }
    return find(id).orElseThrow();
  }

  /** Replaces what a client chooses; a webhook keeps its secret (a new one if it had none). */
  ExportConfig replace(ExportConfig old, ExportInput.Checked in, long at) {
    String secret = old.webhookSecret();
    if (in.destination() == ExportConfig.Destination.WEBHOOK && secret == null) {
      byte[] b = new byte[24];
      RANDOM.nextBytes(b);
      secret = "whsec_" + HexFormat.of().formatHex(b);
    }
    try {
      jdbc.sql(
              "UPDATE export_configs SET name = ?, datasets = ?, format = ?, destination = ?,"
                  + " directory = ?, webhook_url = ?, webhook_secret = ?, schedule_time = ?,"
                  + " enabled = ?, updated_at = ? WHERE id = ?")
          .params(
              in.name(),
              datasets(in.datasets()),
              in.format().name(),
              in.destination().name(),
              in.directory(),
              in.webhookUrl(),
              masterKey.seal(secret, SECRET),
              in.scheduleTime().format(ExportInput.HH_MM),
              in.enabled(),
              at,
              old.id())
          .update();
    } catch (DuplicateKeyException e) {
      throw taken(in.name());
    }
    return find(old.id()).orElseThrow();
  }

  boolean delete(String id) {
    return jdbc.sql("DELETE FROM export_configs WHERE id = ?").param(id).update() > 0;
  }

  Optional<ExportConfig> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM export_configs WHERE id = ?")
        .param(id)
        .query((rs, n) -> row(rs))
        .optional();
  }

  List<ExportConfig> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM export_configs ORDER BY name")
        .query((rs, n) -> row(rs))
        .list();
  }

  static ApiException notFound(String id) {
    return ApiException.notFound("id", "no export " + id + "; list them at GET /api/v1/exports");
  }

  private static ApiException taken(String name) {
    return ApiException.conflict(
        "name", "'" + name + "' is used by another export; choose another");
  }

  private static String datasets(List<ExportDataset> sets) {
    return sets.stream().map(ExportDataset::wire).collect(Collectors.joining(","));
  }

  private ExportConfig row(ResultSet rs) throws SQLException {
    return new ExportConfig(
        rs.getString("id"),
        rs.getString("name"),
        Arrays.stream(rs.getString("datasets").split(",")).map(ExportDataset::parse).toList(),
        ExportFormat.valueOf(rs.getString("format")),
        ExportConfig.Destination.valueOf(rs.getString("destination")),
        rs.getString("directory"),
        rs.getString("webhook_url"),
        masterKey.open(rs.getString("webhook_secret"), SECRET),
        LocalTime.parse(rs.getString("schedule_time")),
        rs.getBoolean("enabled"),
        rs.getString("created_by"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
