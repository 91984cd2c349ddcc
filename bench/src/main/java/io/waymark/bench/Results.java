package io.waymark.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a scenario reports: printed to the terminal as it happens and collected into a markdown
 * snippet that can be pasted into docs/benchmarks.md.
 */
final class Results {

  private final PrintStream out;
  private final StringBuilder markdown = new StringBuilder();

  Results(String scenario, MachineInfo machine, String command, Instant date, PrintStream out) {
    this.out = out;
    markdown
        .append("### ")
        .append(scenario)
        .append(" (")
        .append(DateTimeFormatter.ISO_LOCAL_DATE.format(date.atOffset(ZoneOffset.UTC)))
        .append(")\n\n")
        .append(machine.markdown())
        .append("- command: `")
        .append(command)
        .append("`\n\n");
  }

  void heading(String text) {
    out.println();
    out.println("== " + text);
    blankLine();
    markdown.append("#### ").append(text).append("\n\n");
  }

  /** A progress or context line: shown on the terminal, and in the snippet as a bullet. */
  void line(String text) {
    out.println(text);
    markdown.append("- ").append(text).append('\n');
  }

  void table(Table table) {
    out.print(table.text());
    blankLine();
    markdown.append(table.markdown()).append('\n');
  }

  /** A target verdict such as {@code PASS ...}; its first word is bold in the snippet. */
  void verdict(String text) {
    out.println(text);
    int space = text.indexOf(' ');
    markdown.append("- **").append(text, 0, space).append("** ");
    markdown.append(text.substring(space).strip()).append('\n');
  }

  private void blankLine() {
    if (!markdown.toString().endsWith("\n\n")) {
      markdown.append('\n');
    }
  }

  String markdown() {
    return markdown.toString();
  }

  Path write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown.toString(), StandardCharsets.UTF_8);
    out.println();
    out.println("results written to " + file.toAbsolutePath());
    return file;
  }
}
