package io.waymark.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.MetadataDb;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.vault.MasterKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhook signing secrets are stored encrypted, and an upgrade encrypts the old plain ones. */
class WebhookSecretsTest {

  private static final MasterKey KEY =
      MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

  @Test
  void secretsWrittenBeforeEncryptionAreEncryptedAtStartWithNothingLost() {
    MetadataDb db = new MetadataDb().migrateTo("8");
    db.jdbc()
        .sql(
            "INSERT INTO webhooks (id, name, url, secret, min_severity, enabled, created_at)"
                + " VALUES ('w1', 'ops', 'https://ops.example/hook', 'whsec_old', 'LOW', TRUE, 1)")
        .update();
    db.migrateTo("latest");
    Webhooks webhooks =
        new Webhooks(
            db.jdbc(),
            Clock.systemUTC(),
            new OutboundGuard(new OutboundSettings(List.of(), 5)),
            KEY);

    assertThat(webhooks.find("w1").orElseThrow().secret())
        .as("read before the pass")
        .isEqualTo("whsec_old");
    assertThat(webhooks.encryptPlainSecrets()).isEqualTo(1);
    assertThat(webhooks.encryptPlainSecrets()).as("once only").isZero();
    String stored =
        db.jdbc().sql("SELECT secret FROM webhooks WHERE id = 'w1'").query(String.class).single();
    assertThat(stored).startsWith("wmenc:v1:").doesNotContain("whsec_old");
    assertThat(webhooks.find("w1").orElseThrow().secret()).isEqualTo("whsec_old");

    Webhooks.Webhook created = webhooks.create("new", "https://192.0.2.10/hook", null, true);
    String raw =
        db.jdbc()
            .sql("SELECT secret FROM webhooks WHERE id = ?")
            .param(created.id())
            .query(String.class)
            .single();
    assertThat(raw).startsWith("wmenc:v1:" + KEY.id() + ":").doesNotContain(created.secret());
    assertThat(webhooks.find(created.id()).orElseThrow().secret()).isEqualTo(created.secret());
  }
}
