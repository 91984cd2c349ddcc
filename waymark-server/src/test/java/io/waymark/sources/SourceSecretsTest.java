package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.MetadataDb;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.vault.MasterKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authorization headers are stored encrypted, and an upgrade encrypts the old plain ones. */
class SourceSecretsTest {

  private static final MasterKey KEY =
      MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

  @Test
  void headersWrittenBeforeEncryptionAreEncryptedAtStartWithNothingLost() {
    MetadataDb db = new MetadataDb().migrateTo("8");
    db.jdbc()
        .sql(
            "INSERT INTO sources (id, name, kind, url, auth_header, interval_minutes, enabled,"
                + " created_by, created_at, updated_at) VALUES ('s1', 'Feed', 'catalogue',"
                + " 'https://pim.example/c.json', 'Bearer old-token', 15, TRUE, 'admin', 1, 1)")
        .update();
    db.migrateTo("latest");
    Sources sources = new Sources(db.jdbc(), KEY);

    assertThat(sources.find("s1").orElseThrow().authHeader()).isEqualTo("Bearer old-token");
    assertThat(sources.encryptPlainAuthHeaders()).isEqualTo(1);
    assertThat(sources.encryptPlainAuthHeaders()).isZero();
    assertThat(raw(db, "s1")).startsWith("wmenc:v1:").doesNotContain("old-token");
    assertThat(sources.find("s1").orElseThrow().authHeader()).isEqualTo("Bearer old-token");

    String longest = "Bearer " + "t".repeat(1993); // 2000 characters, the most a form accepts
    SourceInput.Valid v =
        new SourceInput(
                "Long", "catalogue", "https://192.0.2.10/c.json", longest, null, 15, null, null)
            .check(List.of(), new OutboundGuard(new OutboundSettings(List.of(), 5)), null);
    sources.create("s2", v, "admin", 1, 2L);
    assertThat(raw(db, "s2")).startsWith("wmenc:v1:").hasSizeGreaterThan(2000);
    assertThat(sources.find("s2").orElseThrow().authHeader()).isEqualTo(longest);
  }

  private static String raw(MetadataDb db, String id) {
    return db.jdbc()
        .sql("SELECT auth_header FROM sources WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }
}
