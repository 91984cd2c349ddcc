package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboards are well-formed, read the provisioned Prometheus data source, and every
 * query parses as PromQL (checked by promtool as recording rules).
 */
class DashboardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GRAFANA = Repo.root().resolve("deploy/grafana");

  @Test
  void bothDashboardsExistWithUniqueUidsPanelIdsAndADataSourceOnEveryQuery() throws Exception {
    Set<String> uids = new HashSet<>();
    for (String name : List.of("waymark-service.json", "waymark-business.json")) {
      JsonNode d = JSON.readTree(GRAFANA.resolve("dashboards").resolve(name).toFile());
      assertThat(uids.add(d.path("uid").asText())).as("unique uid in %s", name).isTrue();
      assertThat(d.path("title").asText()).startsWith("Waymark");
      Set<Integer> ids = new HashSet<>();
      int queries = 0;
      for (JsonNode p : d.path("panels")) {
        assertThat(ids.add(p.path("id").asInt())).as("unique panel id in %s", name).isTrue();
        assertThat(p.has("gridPos")).isTrue();
        if (p.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(p.path("description").asText())
            .as("%s: a description", p.path("title"))
            .isNotBlank();
        assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        for (JsonNode t : p.path("targets")) {
          assertThat(t.path("expr").asText()).isNotBlank();
          assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
          queries++;
        }
      }
      assertThat(queries).as("queries in %s", name).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void provisioningDefinesThePrometheusSourceAndLoadsTheDashboardsFolder() throws Exception {
    Map<String, Object> ds =
        new Yaml().load(Files.readString(GRAFANA.resolve("provisioning/datasources/waymark.yml")));
    Map<String, Object> source = ((List<Map<String, Object>>) ds.get("datasources")).get(0);
    assertThat(source).containsEntry("type", "prometheus").containsEntry("uid", "prometheus");
    Map<String, Object> dash =
        new Yaml().load(Files.readString(GRAFANA.resolve("provisioning/dashboards/waymark.yml")));
    Map<String, Object> provider = ((List<Map<String, Object>>) dash.get("providers")).get(0);
    assertThat(provider).containsEntry("type", "file");
    assertThat((Map<String, Object>) provider.get("options"))
        .containsEntry("path", "/var/lib/grafana/dashboards");
  }

  @Test
  void everyDashboardQueryParsesAsPromQl(@TempDir Path dir) throws Exception {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    int i = 0;
    for (MonitoringQueries.Query q : MonitoringQueries.dashboardQueries()) {
      String expr = MonitoringQueries.withoutGrafanaVariables(q.expr());
      rules
          .append("      - record: dashboard:query_")
          .append(i++)
          .append("\n        expr: '")
          .append(expr.replace("'", "''"))
          .append("'\n");
    }
    Files.writeString(dir.resolve("queries.yml"), rules);
    assertThat(Repo.onPath("promtool"))
        .as("promtool on the PATH (./waymark test installs it)")
        .isTrue();
    Repo.Run run = Repo.run(dir, "promtool", "check", "rules", "queries.yml");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: " + i + " rules found");
  }
}
