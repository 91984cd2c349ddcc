package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code terraform validate} would catch without the AWS provider: every module argument is a
 * variable of the module, every variable without a default is passed, every {@code var.x}, {@code
 * local.x} and {@code module.m.o} names something declared.
 */
class TerraformReferencesTest {

  private static final Path DIR = Repo.root().resolve("deploy/terraform");
  private static final Pattern VARIABLE = Pattern.compile("variable \"(\\w+)\" \\{([^}]*)\\}");
  private static final Pattern OUTPUT = Pattern.compile("output \"(\\w+)\"");
  private static final Pattern MODULE = Pattern.compile("module \"(\\w+)\" \\{");

  @Test
  void everyModuleCallMatchesTheModulesVariables() throws IOException {
    Map<String, Map<String, String>> calls = moduleCalls(tf(DIR));
    assertThat(calls).isNotEmpty();
    for (var call : calls.entrySet()) {
      String source = call.getValue().get("source").replace("\"", "");
      Path module = DIR.resolve(source).normalize();
      Map<String, String> variables = variables(tf(module));
      for (String arg : call.getValue().keySet()) {
        if (!arg.equals("source")) {
          assertThat(variables)
              .as("module %s has a variable %s", call.getKey(), arg)
              .containsKey(arg);
        }
      }
      variables.forEach(
          (name, body) -> {
            if (!body.contains("default")) {
              assertThat(call.getValue())
                  .as("module %s is given its required variable %s", call.getKey(), name)
                  .containsKey(name);
            }
          });
    }
  }

  @Test
  void everyReferenceNamesSomethingDeclared() throws IOException {
    for (Path dir : directories()) {
      String text = tf(dir);
      Set<String> vars = variables(text).keySet();
      assertThat(names(text, "\\bvar\\.(\\w+)")).as("variables used in %s", dir).isSubsetOf(vars);
      Set<String> locals = names(localsBlocks(text), "(?m)^\\s{2}(\\w+)\\s*=");
      assertThat(names(text, "\\blocal\\.(\\w+)")).as("locals used in %s", dir).isSubsetOf(locals);
      Matcher m = Pattern.compile("\\bmodule\\.(\\w+)\\.(\\w+)").matcher(text);
      Map<String, Map<String, String>> calls = moduleCalls(text);
      while (m.find()) {
        assertThat(calls)
            .as("module %s is declared in %s", m.group(1), dir)
            .containsKey(m.group(1));
        Path module =
            dir.resolve(calls.get(m.group(1)).get("source").replace("\"", "")).normalize();
        assertThat(names(tf(module), OUTPUT.pattern()))
            .as("module %s has an output %s", m.group(1), m.group(2))
            .contains(m.group(2));
      }
    }
  }

  private static Set<Path> directories() throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(DIR);
    try (Stream<Path> s = Files.list(DIR.resolve("modules"))) {
      s.filter(Files::isDirectory).forEach(dirs::add);
    }
    return dirs;
  }

  /** All .tf files of a directory, concatenated. */
  private static String tf(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
        b.append(Files.readString(p)).append('\n');
      }
    }
    return b.toString();
  }

  private static Map<String, String> variables(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  /** The first group of every match of {@code regex} in {@code in}. */
  private static Set<String> names(String in, String regex) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile(regex).matcher(in);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The bodies of every {@code locals { ... }} block. */
  private static String localsBlocks(String text) {
    StringBuilder b = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^locals \\{").matcher(text);
    while (m.find()) {
      b.append(block(text, m.end())).append('\n');
    }
    return b.toString();
  }

  /** The arguments (name to expression text) at the top level of each module block. */
  private static Map<String, Map<String, String>> moduleCalls(String text) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Matcher m = MODULE.matcher(text);
    while (m.find()) {
      Map<String, String> args = new LinkedHashMap<>();
      Matcher a = Pattern.compile("(?m)^\\s{2}(\\w+)\\s*=\\s*(.+)$").matcher(block(text, m.end()));
      while (a.find()) {
        args.put(a.group(1), a.group(2).strip());
      }
      out.put(m.group(1), args);
    }
    return out;
  }

  /** The text up to the brace that closes the block opened just before {@code from}. */
  private static String block(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(from, i);
      }
    }
    throw new IllegalStateException("unclosed block at " + from);
  }
}
