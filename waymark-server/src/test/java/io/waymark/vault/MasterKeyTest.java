package io.waymark.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.platform.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key: where it comes from, and what it seals. */
class MasterKeyTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void sealsForOnePlaceAndOpensOnlyThere() {
    MasterKey k = MasterKey.fromBase64(KEY);
    String sealed = k.seal("whsec_abc", "webhooks.secret");
    assertThat(sealed).startsWith("wmenc:v1:" + k.id() + ":").doesNotContain("whsec_abc");
    assertThat(k.seal("whsec_abc", "webhooks.secret"))
        .as("a fresh nonce each time")
        .isNotEqualTo(sealed);
    assertThat(k.open(sealed, "webhooks.secret")).isEqualTo("whsec_abc");
    assertThatThrownBy(() -> k.open(sealed, "sources.auth_header"))
        .hasMessageContaining("does not decrypt with its master key");
    assertThat(k.open("plain from before", "webhooks.secret")).isEqualTo("plain from before");
    assertThat(k.seal(null, "x")).isNull();
  }

  @Test
  void aWrongKeySaysWhichKeyTheDataNeeds() {
    String sealed = MasterKey.fromBase64(KEY).seal("secret", "webhooks.secret");
    MasterKey other = MasterKey.fromBase64(OTHER);
    assertThatThrownBy(() -> other.open(sealed, "webhooks.secret"))
        .hasMessageContaining("was encrypted with master key " + MasterKey.fromBase64(KEY).id())
        .hasMessageContaining("but this instance has master key " + other.id());
  }

  @Test
  void theEmbeddedDefaultCreatesAnOwnerOnlyKeyFileOnceAndKeepsIt(@TempDir Path tmp)
      throws Exception {
    DataDirectory dir = new DataDirectory(tmp.resolve("data"));
    MasterKey first = MasterKey.load(new MasterKeySettings("", null, true), dir);
    Path file = dir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(MasterKey.load(new MasterKeySettings("", null, true), dir).id())
        .isEqualTo(first.id());
  }

  @Test
  void theEnvironmentOrAFileWinAndAClusterWithoutAKeyDoesNotStart(@TempDir Path tmp)
      throws Exception {
    DataDirectory dir = new DataDirectory(tmp.resolve("data"));
    assertThat(MasterKey.load(new MasterKeySettings(KEY, null, true), dir).id())
        .isEqualTo(MasterKey.fromBase64(KEY).id());
    Path file = Files.writeString(tmp.resolve("key"), OTHER + "\n");
    assertThat(MasterKey.load(new MasterKeySettings("", file, true), dir).id())
        .isEqualTo(MasterKey.fromBase64(OTHER).id());
    assertThat(Files.exists(dir.resolve("master.key"))).isFalse();

    assertThatThrownBy(() -> MasterKey.load(new MasterKeySettings("", null, false), dir))
        .hasMessageStartingWith("no master key: set WAYMARK_MASTER_KEY");
    assertThatThrownBy(() -> MasterKey.load(new MasterKeySettings("not base64!", null, true), dir))
        .hasMessageStartingWith(
            "WAYMARK_MASTER_KEY (waymark.master-key): the master key is not base64");
    assertThatThrownBy(() -> MasterKey.load(new MasterKeySettings("c2hvcnQ=", null, true), dir))
        .hasMessageContaining("must be 32 bytes");
  }
}
