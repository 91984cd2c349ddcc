package io.waymark.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files name only settings the server knows, and probe paths it answers: the
 * Kubernetes overlays as {@code kubectl kustomize} renders them, compose.yaml and the Dockerfile.
 * The known settings come from the server (its typed settings, application.yml, Spring Boot's
 * metadata), and the probes are sent to this running server.
 */
@SuppressWarnings("unchecked")
class DeploymentFilesIT extends EndToEndTest {

  /**
   * Named in the manifests ahead of the code that reads them; each must still be unknown, so that
   * this list is emptied when the code lands.
   */
  private static final Map<String, String> NOT_YET_READ = Map.of();

  /** Environment variables of the JVM, not of Spring. */
  private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static KnownSettings known;

  @BeforeAll
  static void knownSettings() {
    known = KnownSettings.ofServer();
    assertThat(known.size()).as("settings found in the server").isGreaterThan(500);
    assertThat(known.knowsEnvironmentVariable("WAYMARK_DATA_DIR")).isTrue();
    assertThat(known.knowsEnvironmentVariable("WAYMARK_STORE_MEMORY_LIMIT")).isTrue();
    assertThat(known.knowsEnvironmentVariable("WAYMARK_ADMIN_PASSWORD")).isTrue();
    assertThat(known.knowsEnvironmentVariable("MANAGEMENT_SERVER_ADDRESS")).isTrue();
    assertThat(known.knowsEnvironmentVariable("WAYMARK_STORE_MEMORY_LIMMIT")).isFalse();
    assertThat(known.knowsEnvironmentVariable("WAYMARK_NO_SUCH_THING")).isFalse();
    NOT_YET_READ.forEach(
        (name, why) ->
            assertThat(known.knowsEnvironmentVariable(name))
                .as("%s (%s) is read now: remove it from NOT_YET_READ", name, why)
                .isFalse());
  }

  @Test
  void theEmbeddedOverlayRunsOneInstanceWithAVolume() throws Exception {
    List<Map<String, Object>> docs = render("embedded");
    Map<String, Object> sts = only(docs, "StatefulSet");
    assertThat(at(sts, "spec", "replicas")).isEqualTo(1);
    assertThat((List<?>) at(sts, "spec", "volumeClaimTemplates")).hasSize(1);
    assertThat(ofKind(docs, "PodDisruptionBudget")).isEmpty();
    checkContainers(docs, sts);
  }

  @Test
  void theClusterOverlayRunsSeveralInstancesWithABudgetAndAHeadlessService() throws Exception {
    List<Map<String, Object>> docs = render("cluster");
    Map<String, Object> sts = only(docs, "StatefulSet");
    assertThat((Integer) at(sts, "spec", "replicas")).isGreaterThanOrEqualTo(2);
    Map<String, Object> pdb = only(docs, "PodDisruptionBudget");
    Map<String, Object> podLabels = map(at(sts, "spec", "template", "metadata", "labels"));
    Map<String, Object> pdbSelector = map(at(pdb, "spec", "selector", "matchLabels"));
    assertThat(podLabels.entrySet()).containsAll(pdbSelector.entrySet());
    Map<String, Object> headless =
        ofKind(docs, "Service").stream()
            .filter(s -> "None".equals(at(s, "spec", "clusterIP")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no headless Service"));
    assertThat(at(sts, "spec", "serviceName")).isEqualTo(at(headless, "metadata", "name"));
    checkContainers(docs, sts);
  }

  @Test
  void composeAndTheDockerfileNameOnlyKnownSettings() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
    Set<String> names = new LinkedHashSet<>();
    for (Object service : ((Map<?, ?>) compose.get("services")).values()) {
      // Only Waymark's own services: Prometheus and Grafana have settings of their own.
      Object image = ((Map<?, ?>) service).get("image");
      if (!((Map<?, ?>) service).containsKey("build")
          && !String.valueOf(image).contains("waymark")) {
        continue;
      }
      Object env = ((Map<?, ?>) service).get("environment");
      if (env instanceof Map<?, ?> m) {
        m.keySet().forEach(k -> names.add(k.toString()));
      }
    }
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile")).replace("\\\n", " ");
    Matcher env = Pattern.compile("(?m)^ENV\\s+(.*)$").matcher(dockerfile);
    while (env.find()) {
      // NAME=value pairs; a quoted value (the JVM's -XX:Name=value options) is consumed whole.
      Matcher pair =
          Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)")
              .matcher(env.group(1));
      while (pair.find()) {
        names.add(pair.group(1));
      }
    }
    assertThat(names).contains("WAYMARK_DATA_DIR", "WAYMARK_INGEST_KEY", "JDK_JAVA_OPTIONS");
    assertKnown(names, List.of(), "compose.yaml and the Dockerfile");
  }

  private void checkContainers(List<Map<String, Object>> docs, Map<String, Object> sts) {
    List<?> containers = (List<?>) at(sts, "spec", "template", "spec", "containers");
    assertThat(containers).hasSize(1);
    Map<?, ?> c = (Map<?, ?>) containers.get(0);

    // Every setting named: env, the ConfigMaps it reads, and --arguments.
    Set<String> env = new LinkedHashSet<>();
    for (Object e : list(c.get("env"))) {
      env.add((String) ((Map<?, ?>) e).get("name"));
    }
    for (Object from : list(c.get("envFrom"))) {
      Object ref = ((Map<?, ?>) from).get("configMapRef");
      if (ref != null) {
        String name = (String) ((Map<?, ?>) ref).get("name");
        Map<String, Object> map =
            ofKind(docs, "ConfigMap").stream()
                .filter(m -> name.equals(at(m, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
        env.addAll(((Map<String, ?>) at(map, "data")).keySet());
      }
    }
    List<String> args = new ArrayList<>();
    for (Object a : list(c.get("args"))) {
      args.add(a.toString());
    }
    assertThat(env)
        .contains(
            "WAYMARK_ADMIN_PASSWORD",
            "WAYMARK_INGEST_KEY",
            "WAYMARK_ADMIN_KEY",
            "WAYMARK_DATA_DIR",
            "MANAGEMENT_SERVER_ADDRESS");
    assertKnown(env, args, "the StatefulSet");

    // Probes: the readiness and liveness groups, answered by this server on the port named.
    Map<String, Integer> ports = new HashMap<>();
    for (Object p : list(c.get("ports"))) {
      ports.put(
          (String) ((Map<?, ?>) p).get("name"), (Integer) ((Map<?, ?>) p).get("containerPort"));
    }
    assertThat(ports).containsEntry("http", 8080).containsEntry("management", 8082);
    assertThat(probePath(c, "readinessProbe")).isEqualTo("/actuator/health/readiness");
    assertThat(probePath(c, "livenessProbe")).isEqualTo("/actuator/health/liveness");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Map<?, ?> http = (Map<?, ?>) ((Map<?, ?>) c.get(probe)).get("httpGet");
      Object port = http.get("port");
      int containerPort = port instanceof Integer i ? i : ports.get((String) port);
      int here =
          switch (containerPort) {
            case 8080 -> this.port;
            case 8082 -> managementPort;
            default -> throw new AssertionError(probe + " on an unexpected port " + containerPort);
          };
      WaymarkClient.Reply r =
          new WaymarkClient("http://127.0.0.1:" + here).get((String) http.get("path"), null);
      assertThat(r.status()).as("%s %s", probe, http).isEqualTo(200);
      assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }

    Map<String, Object> resources = map(c.get("resources"));
    assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
    assertThat(map(resources.get("limits"))).containsKey("memory");
  }

  private static void assertKnown(Set<String> env, List<String> args, String where) {
    List<String> unknown = new ArrayList<>();
    for (String name : env) {
      if (JVM_VARIABLES.contains(name) || NOT_YET_READ.containsKey(name)) {
        continue;
      }
      if (!known.knowsEnvironmentVariable(name)) {
        unknown.add(name);
      }
    }
    for (String a : args) {
      if (a.startsWith("--")) {
        String property = a.substring(2).split("=", 2)[0];
        if (!known.knowsProperty(property)) {
          unknown.add(a);
        }
      }
    }
    assertThat(unknown).as("settings in %s that the server does not know", where).isEmpty();
  }

  private static String probePath(Map<?, ?> container, String probe) {
    return (String) ((Map<?, ?>) ((Map<?, ?>) container.get(probe)).get("httpGet")).get("path");
  }

  private static List<Map<String, Object>> render(String overlay) throws Exception {
    Path kubectl =
        java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(d -> Path.of(d, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    Assumptions.assumeTrue(
        kubectl != null,
        "kubectl is not installed, so the Kubernetes manifests cannot be rendered here (kubectl"
            + " kustomize); install kubectl to run this test");
    Path dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(overlay);
    Process p =
        new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String yaml = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("kubectl kustomize %s:%n%s", dir, yaml).isZero();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object d : new Yaml().loadAll(yaml)) {
      if (d != null) {
        docs.add((Map<String, Object>) d);
      }
    }
    return docs;
  }

  private static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> found = ofKind(docs, kind);
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static Object at(Map<String, Object> doc, String... path) {
    Object o = doc;
    for (String p : path) {
      o = o == null ? null : ((Map<?, ?>) o).get(p);
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o) {
    return o == null ? List.of() : (List<?>) o;
  }
}
