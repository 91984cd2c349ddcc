package io.waymark.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The settings the server knows, derived from the server itself: its typed settings records
 * ({@code @ConfigurationProperties} under {@code io.waymark}), the keys and {@code ${NAME}}
 * placeholders of its application.yml, and Spring Boot's configuration metadata (server.*,
 * spring.*, management.*, logging.*). An environment variable is matched the way Spring binds it
 * (relaxed binding of {@link SystemEnvironmentPropertySource}), so {@code WAYMARK_DATA_DIR} is
 * {@code waymark.data-dir}.
 */
final class KnownSettings {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

  private final Set<ConfigurationPropertyName> properties = new HashSet<>();
  private final Set<ConfigurationPropertyName> mapPrefixes = new HashSet<>();
  private final Set<String> placeholders = new HashSet<>();

  static KnownSettings ofServer() {
    KnownSettings k = new KnownSettings();
    k.addTypedSettings();
    k.addApplicationYml();
    k.addSpringBootMetadata();
    return k;
  }

  int size() {
    return properties.size() + mapPrefixes.size() + placeholders.size();
  }

  /** Whether the server reads the environment variable {@code name}. */
  boolean knowsEnvironmentVariable(String name) {
    if (placeholders.contains(name)) {
      return true;
    }
    ConfigurationPropertySource env =
        ConfigurationPropertySource.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(name, "value")));
    for (ConfigurationPropertyName p : properties) {
      ConfigurationProperty bound = env.getConfigurationProperty(p);
      if (bound != null) {
        return true;
      }
    }
    for (ConfigurationPropertyName p : mapPrefixes) {
      if (env.containsDescendantOf(p) == ConfigurationPropertyState.PRESENT) {
        return true;
      }
    }
    return false;
  }

  /** Whether the server reads the property {@code name} (as in {@code --name=value}). */
  boolean knowsProperty(String name) {
    ConfigurationPropertyName n = ConfigurationPropertyName.adapt(name, '.');
    return properties.contains(n) || mapPrefixes.stream().anyMatch(p -> p.isAncestorOf(n));
  }

  private void addTypedSettings() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    for (BeanDefinition d : scanner.findCandidateComponents("io.waymark")) {
      try {
        Class<?> type = Class.forName(d.getBeanClassName());
        ConfigurationProperties a = type.getAnnotation(ConfigurationProperties.class);
        String prefix = a.prefix().isEmpty() ? a.value() : a.prefix();
        addRecord(prefix, type);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private void addRecord(String prefix, Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalStateException(
          type + " is a settings class but not a record: teach KnownSettings its properties");
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + "." + kebab(c.getName());
      Class<?> t = c.getType();
      if (t.isRecord()) {
        addRecord(name, t);
      } else if (Map.class.isAssignableFrom(t)) {
        mapPrefixes.add(ConfigurationPropertyName.of(name));
      } else {
        properties.add(ConfigurationPropertyName.of(name));
      }
    }
  }

  private void addApplicationYml() {
    try {
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader()
              .load("application.yml", new ClassPathResource("application.yml"));
      for (PropertySource<?> s : sources) {
        EnumerablePropertySource<?> e = (EnumerablePropertySource<?>) s;
        for (String name : e.getPropertyNames()) {
          ConfigurationPropertyName n = ConfigurationPropertyName.ofIfValid(name);
          if (n != null) {
            properties.add(n);
          }
          Matcher m = PLACEHOLDER.matcher(String.valueOf(e.getProperty(name)));
          while (m.find()) {
            placeholders.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void addSpringBootMetadata() {
    ObjectMapper json = new ObjectMapper();
    try {
      for (Resource r :
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
        try (InputStream in = r.getInputStream()) {
          for (JsonNode p : json.readTree(in).path("properties")) {
            ConfigurationPropertyName n =
                ConfigurationPropertyName.ofIfValid(p.path("name").asText());
            if (n == null) {
              continue;
            }
            if (p.path("type").asText().startsWith("java.util.Map")) {
              mapPrefixes.add(n);
            } else {
              properties.add(n);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
