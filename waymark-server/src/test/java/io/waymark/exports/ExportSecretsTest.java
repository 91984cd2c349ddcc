package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.MetadataDb;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.platform.AllowedDirectories;
import io.waymark.vault.MasterKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Export webhook secrets are stored encrypted, and an upgrade encrypts the old plain ones. */
class ExportSecretsTest {

  private static final MasterKey KEY =
      MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

  @Test
  void secretsWrittenBeforeEncryptionAreEncryptedAtStartWithNothingLost() {
    MetadataDb db = new MetadataDb().migrateTo("8");
    db.jdbc()
        .sql(
            "INSERT INTO export_configs (id, name, datasets, format, destination, webhook_url,"
                + " webhook_secret, schedule_time, enabled, created_by, created_at, updated_at)"
                + " VALUES ('e1', 'bi', 'events', 'CSV', 'WEBHOOK', 'https://bi.example/in',"
                + " 'whsec_old', '10:00', TRUE, 'admin', 1, 1)")
        .update();
    db.migrateTo("latest");
    ExportConfigs configs = new ExportConfigs(db.jdbc(), KEY);

    assertThat(configs.find("e1").orElseThrow().webhookSecret()).isEqualTo("whsec_old");
    assertThat(configs.encryptPlainSecrets()).isEqualTo(1);
    assertThat(configs.encryptPlainSecrets()).isZero();
    assertThat(raw(db, "e1")).startsWith("wmenc:v1:").doesNotContain("whsec_old");
    assertThat(configs.find("e1").orElseThrow().webhookSecret()).isEqualTo("whsec_old");

    ExportInput in =
        new ExportInput(
            "bi-2", List.of("events"), "csv", "webhook", null, "https://192.0.2.10/in", null, null);
    ExportConfig created =
        configs.create(
            in.check(
                new OutboundGuard(new OutboundSettings(List.of(), 5)),
                new AllowedDirectories(List.of())),
            "admin",
            1);
    assertThat(raw(db, created.id()))
        .startsWith("wmenc:v1:")
        .doesNotContain(created.webhookSecret());
    assertThat(created.webhookSecret()).startsWith("whsec_");
  }

  private static String raw(MetadataDb db, String id) {
    return db.jdbc()
        .sql("SELECT webhook_secret FROM export_configs WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }
}
