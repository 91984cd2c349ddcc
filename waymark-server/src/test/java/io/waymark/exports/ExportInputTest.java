package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.platform.AllowedDirectories;
import io.waymark.platform.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where directory exports may write. */
class ExportInputTest {

  private static final OutboundGuard GUARD = new OutboundGuard(new OutboundSettings(List.of(), 5));

  private static ExportInput toDirectory(Path dir) {
    return new ExportInput(
        "bi", List.of("events"), "csv", "directory", dir.toString(), null, null, null);
  }

  @Test
  void directoryExportsAreOffUntilAnOperatorAllowsDirectories(@TempDir Path dir) {
    assertThatThrownBy(() -> toDirectory(dir).check(GUARD, new AllowedDirectories(List.of())))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "directory: directory exports are switched off; an operator can allow directories"
                + " with waymark.exports.directory-roots, or use the webhook destination");
  }

  @Test
  void aDirectoryMustBeInsideARootByNameAndByItsRealPath(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("exports"));
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    AllowedDirectories roots = new AllowedDirectories(List.of(root));
    assertThat(toDirectory(root.resolve("bi/../bi")).check(GUARD, roots).directory())
        .isEqualTo(root.resolve("bi").toString());
    assertThatThrownBy(() -> toDirectory(root.resolve("../elsewhere")).check(GUARD, roots))
        .hasMessageContaining("must be inside one of the allowed directories");
    Path link = Files.createSymbolicLink(root.resolve("out"), outside);
    assertThatThrownBy(() -> toDirectory(link.resolve("deeper")).check(GUARD, roots))
        .hasMessageContaining(
            "leads through a symbolic link to " + outside.toRealPath().resolve("deeper"));
    Path dangling = Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("not-yet"));
    assertThatThrownBy(() -> toDirectory(dangling).check(GUARD, roots))
        .hasMessageContaining(
            "leads through a symbolic link to " + tmp.toRealPath().resolve("not-yet"));
  }
}
