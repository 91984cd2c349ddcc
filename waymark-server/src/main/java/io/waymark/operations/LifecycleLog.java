package io.waymark.operations;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * The first and the last lines of Waymark's log: which version starts (before anything can fail, so
 * a failed start still names its build), that a stop began, and that it ended with every component
 * closed. Registered in {@code META-INF/spring.factories}, so it runs before any bean.
 */
public final class LifecycleLog implements ApplicationListener<ApplicationEvent>, Ordered {

  private static final Logger log = LoggerFactory.getLogger(LifecycleLog.class);
  private static final AtomicBoolean HANDLER_ADDED = new AtomicBoolean();
  private static final AtomicLong STOP_STARTED = new AtomicLong();

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent) {
      VersionInfo v = VersionInfo.load(LifecycleLog.class.getClassLoader());
      log.info("Waymark {} starting on Java {}", v.describe(), Runtime.version());
      if (HANDLER_ADDED.compareAndSet(false, true)) {
        // Spring runs its shutdown handlers after every context is closed, and the logging
        // system's own handler last, so this line is written after everything else stopped.
        SpringApplication.getShutdownHandlers().add(LifecycleLog::stopped);
      }
    } else if (event instanceof ContextClosedEvent closed
        && closed.getApplicationContext().getParent() == null) {
      STOP_STARTED.set(System.nanoTime());
      log.info("Waymark is stopping: finishing requests in flight, then closing its components");
    }
  }

  private static void stopped() {
    long started = STOP_STARTED.get();
    long ms = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
    log.info("Waymark stopped cleanly in {} ms", ms);
  }

  @Override
  public int getOrder() {
    // After Spring Boot's LoggingApplicationListener, so the line has the configured format.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
