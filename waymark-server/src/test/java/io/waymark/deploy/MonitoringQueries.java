package io.waymark.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL expression of the Grafana dashboards and the Prometheus alert rules under deploy/,
 * and the metric names they read.
 */
public final class MonitoringQueries {

  /** Series that Prometheus makes itself: no Waymark instance exposes them. */
  public static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitoringQueries() {}

  /** One expression and where it comes from (a dashboard panel, a template variable, a rule). */
  public record Query(String origin, String expr) {}

  public static Path dashboardsDir() {
    return Repo.root().resolve("deploy/grafana/dashboards");
  }

  public static Path rulesFile() {
    return Repo.root().resolve("deploy/prometheus/alerts.yml");
  }

  /** The panels' target expressions and the metric of each template variable's query. */
  public static List<Query> dashboardQueries() {
    List<Query> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dashboardsDir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode d = JSON.readTree(f.toFile());
        for (JsonNode panel : d.path("panels")) {
          for (JsonNode t : panel.path("targets")) {
            out.add(
                new Query(
                    f.getFileName() + " / " + panel.path("title").asText(),
                    t.path("expr").asText()));
          }
        }
        for (JsonNode v : d.path("templating").path("list")) {
          String q = v.path("definition").asText();
          Matcher m = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(q);
          if (m.matches()) {
            out.add(
                new Query(f.getFileName() + " / variable " + v.path("name").asText(), m.group(1)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The expression of every alert and recording rule. */
  @SuppressWarnings("unchecked")
  public static List<Query> ruleQueries() {
    List<Query> out = new ArrayList<>();
    try {
      Map<String, Object> doc = new Yaml().load(Files.readString(rulesFile()));
      for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
          out.add(new Query("alerts.yml / " + name, String.valueOf(rule.get("expr"))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The expression with Grafana's variables replaced, so that Prometheus can parse it. */
  public static String withoutGrafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$instance", ".*")
        .replace("${instance}", ".*");
  }

  /** The metric names an expression reads. */
  public static Set<String> metricNames(String expr) {
    String e = withoutGrafanaVariables(expr);
    e = e.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
    e = e.replaceAll("\\{[^}]*\\}", " ");
    e = e.replaceAll("\\[[^]]*\\]", " ");
    e = e.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Every metric name used by a dashboard or a rule. */
  public static Set<String> allMetricNames() {
    Set<String> names = new TreeSet<>();
    for (Query q : dashboardQueries()) {
      names.addAll(metricNames(q.expr()));
    }
    for (Query q : ruleQueries()) {
      names.addAll(metricNames(q.expr()));
    }
    return names;
  }
}
