package io.waymark.insights;

import io.waymark.store.InsightsQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires insights. */
@Configuration(proxyBeanMethods = false)
class InsightsConfiguration {

  @Bean
  InsightsService insightsService(InsightsQueries queries) {
    return new InsightsService(queries);
  }

  @Bean
  DailyReport.Source dailyReports(InsightsService insights) {
    return insights::dailyReport;
  }
}
