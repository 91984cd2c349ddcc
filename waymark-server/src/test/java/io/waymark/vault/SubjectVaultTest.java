package io.waymark.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectVaultTest {

  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sealsWithTheSubjectsKeyAndOpensWithItsPseudonym() {
    try (SubjectVault v = SubjectVault.open(dir)) {
      String p = v.pseudonym("ann@example.com");
      byte[] sealed = v.seal(p, bytes("{\"page\":\"/checkout\"}"));
      assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("checkout");
      assertThat(SubjectVault.isSealed(sealed)).isTrue();
      assertThat(v.open(p, sealed)).isEqualTo(bytes("{\"page\":\"/checkout\"}"));
      assertThat(p).hasSize(32).isEqualTo(v.pseudonym("ann@example.com"));
      assertThat(p).isNotEqualTo(v.pseudonym("bob"));
    }
  }

  @Test
  void aValueSealedForSeveralSubjectsBecomesUnreadableWhenAnyOneOfThemIsErased() {
    for (String erased : new String[] {"ann", "bob", "cy"}) {
      Path own = dir.resolve(erased);
      try (SubjectVault v = SubjectVault.open(own)) {
        java.util.List<String> ps =
            java.util.List.of(v.pseudonym("ann"), v.pseudonym("bob"), v.pseudonym("cy"));
        byte[] sealed = v.sealForAll(ps, bytes("[{\"user_id\":\"ann\"},{\"user_id\":\"bob\"}]"));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("ann", "bob");
        assertThat(v.open(ps.get(0), sealed))
            .isEqualTo(bytes("[{\"user_id\":\"ann\"},{\"user_id\":\"bob\"}]"));
        assertThat(v.size()).isEqualTo(3);

        v.destroy(erased);
        assertThat(v.open(ps.get(0), sealed)).as("after erasing " + erased).isNull();
      }
    }
  }

  @Test
  void aValueSealedForOneSubjectThroughSealForAllIsAnOrdinarySealedValue() {
    try (SubjectVault v = SubjectVault.open(dir)) {
      String p = v.pseudonym("ann");
      byte[] sealed = v.sealForAll(java.util.List.of(p), bytes("x"));
      assertThat(sealed.length).isEqualTo(v.seal(p, bytes("x")).length);
      assertThat(v.open(p, sealed)).isEqualTo(bytes("x"));
    }
  }

  @Test
  void keysAndPseudonymsSurviveAReopen() {
    String p;
    byte[] sealed;
    try (SubjectVault v = SubjectVault.open(dir)) {
      p = v.pseudonym("ann");
      sealed = v.seal(p, bytes("hello"));
    }
    try (SubjectVault v = SubjectVault.open(dir)) {
      assertThat(v.pseudonym("ann")).isEqualTo(p);
      assertThat(v.open(p, sealed)).isEqualTo(bytes("hello"));
      assertThat(v.size()).isEqualTo(1);
    }
  }

  @Test
  void aDestroyedKeyMakesEverythingSealedWithItUnreadableAndLeavesOthersReadable()
      throws Exception {
    byte[] annSealed;
    byte[] bobSealed;
    try (SubjectVault v = SubjectVault.open(dir)) {
      annSealed = v.seal(v.pseudonym("ann"), bytes("ann's data"));
      bobSealed = v.seal(v.pseudonym("bob"), bytes("bob's data"));
      byte[] annKeyBefore = Files.readAllBytes(dir.resolve("subject-keys.bin"));
      assertThat(v.destroy("ann")).isTrue();
      assertThat(v.destroy("ann")).isFalse();
      assertThat(v.open(v.pseudonym("ann"), annSealed)).isNull();
      assertThat(v.sealExisting(v.pseudonym("ann"), bytes("x"))).isNull();
      assertThat(v.holds("ann")).isFalse();
      assertThat(v.open(v.pseudonym("bob"), bobSealed)).isEqualTo(bytes("bob's data"));
      byte[] after = Files.readAllBytes(dir.resolve("subject-keys.bin"));
      assertThat(after).hasSameSizeAs(annKeyBefore).isNotEqualTo(annKeyBefore);
    }
    try (SubjectVault v = SubjectVault.open(dir)) {
      assertThat(v.open(v.pseudonym("ann"), annSealed)).isNull();
      assertThat(v.open(v.pseudonym("bob"), bobSealed)).isEqualTo(bytes("bob's data"));
      String p = v.pseudonym("carol");
      v.seal(p, bytes("reuses the freed slot"));
      assertThat(Files.size(dir.resolve("subject-keys.bin"))).isEqualTo(64 + 2 * 64);
    }
  }

  @Test
  void aValueSealedForOnePseudonymDoesNotOpenAsAnother() {
    try (SubjectVault v = SubjectVault.open(dir)) {
      String ann = v.pseudonym("ann");
      String bob = v.pseudonym("bob");
      v.seal(bob, bytes("x"));
      byte[] sealed = v.seal(ann, bytes("ann's data"));
      assertThatThrownBy(() -> v.open(bob, sealed))
          .hasMessageContaining("does not decrypt with its key");
    }
  }

  @Test
  void plainValuesPassThrough() {
    try (SubjectVault v = SubjectVault.open(dir)) {
      assertThat(v.open(null, bytes("{}"))).isEqualTo(bytes("{}"));
      assertThat(v.open(v.pseudonym("x"), EraseMarker.value())).isEqualTo(EraseMarker.value());
    }
  }

  @Test
  void suppressionsArePseudonymsKeptAcrossRestarts() {
    Suppressions s = new Suppressions(dir);
    assertThat(s.add("abc")).isTrue();
    assertThat(s.add("abc")).isFalse();
    assertThat(new Suppressions(dir).contains("abc")).isTrue();
    assertThat(new Suppressions(dir).contains("abd")).isFalse();
  }

  @Test
  void noncesAreDistinctWithinAndAcrossGenerators() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int g = 0; g < 3; g++) {
      SubjectVault.Nonces n = new SubjectVault.Nonces();
      for (int i = 0; i < 70_000; i++) { // crosses the 16-bit boundary of the counter
        assertThat(seen.add(java.util.HexFormat.of().formatHex(n.next()))).isTrue();
      }
    }
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentBytesThatBothOpen() {
    try (SubjectVault v = SubjectVault.open(dir)) {
      String p = v.pseudonym("u-1");
      byte[] plain = "same".getBytes(StandardCharsets.UTF_8);
      byte[] a = v.seal(p, plain);
      byte[] b = v.seal(p, plain);
      assertThat(a).isNotEqualTo(b);
      assertThat(v.open(p, a)).isEqualTo(plain);
      assertThat(v.open(p, b)).isEqualTo(plain);
    }
  }
}
