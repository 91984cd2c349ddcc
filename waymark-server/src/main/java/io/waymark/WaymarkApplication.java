package io.waymark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Waymark: collector, event log, store sink and API in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaymarkApplication {

  public static void main(String[] args) {
    SpringApplication.run(WaymarkApplication.class, args);
  }
}
