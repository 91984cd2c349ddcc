package io.waymark.platform;

import io.waymark.admin.Accounts;
import io.waymark.admin.BrowserSessions;
import io.waymark.admin.LoginThrottle;
import io.waymark.admin.Role;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. API keys come as {@code Authorization: Bearer <key>}; people log in to the web
 * app (a session cookie with a CSRF token, see {@link SessionFilter}) or send their account with
 * HTTP Basic. Collector endpoints check their key themselves, because the lean collector port has
 * no Spring Security in front of it. Spring Security itself keeps no state: the session is ours.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String[] READERS = {Role.ADMIN.name(), Role.ANALYST.name()};
  private static final String[] VIEWERS = {
    Role.ADMIN.name(), Role.ANALYST.name(), Role.VIEWER.name()
  };

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ApiKeyFilter apiKeys,
      BrowserSessions sessions,
      JsonAuthErrors errors,
      UserDetailsService users,
      PasswordEncoder encoder,
      LoginThrottle throttle)
      throws Exception {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    passwords.setPasswordEncoder(encoder);
    // HTTP Basic with brute-force protection, in the place of Spring's own Basic filter.
    var basic = new ThrottledBasicAuthentication(new ProviderManager(passwords), errors, throttle);
    // CSRF is checked by SessionFilter, for cookie-authenticated requests only.
    http.csrf(c -> c.disable())
        // Login starts a fresh session itself (BrowserSessions.start); Spring's session-fixation
        // strategy would otherwise change the session id on every cookie request it did not log in.
        .sessionManagement(
            s ->
                s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .sessionFixation(f -> f.none()))
        .addFilterBefore(new SessionFilter(sessions, errors), BasicAuthenticationFilter.class)
        .addFilterBefore(apiKeys, BasicAuthenticationFilter.class)
        .addFilterAt(basic, BasicAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .authorizeHttpRequests(
            a ->
                // A server-sent event stream ends with an async dispatch of the same request, which
                // was authorized when it came in; our filters do not run again for it.
                a.dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.POST, "/api/v1/events", "/api/v1/events/batch", "/v1/page")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.OPTIONS, "/api/v1/events", "/api/v1/events/batch", "/v1/page")
                    .permitAll()
                    // The tracking snippet and the demo shop page hold no secrets; the demo's key
                    // endpoint exists only with waymark.demo.enabled=true.
                    .requestMatchers(
                        HttpMethod.GET, "/waymark.js", "/demo/**", "/api/v1/demo/config")
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, "/waymark.js", "/demo/**")
                    .permitAll()
                    // The actuator listens on the management port (loopback by default, see
                    // application.yml); the main port answers /actuator/health* with the status.
                    .requestMatchers(
                        "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
                    .permitAll()
                    .requestMatchers(
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, WebAppRoutes.ROUTES)
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.svg")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/logout")
                    .permitAll()
                    .requestMatchers("/api/v1/auth/me")
                    .authenticated()
                    // Viewers see aggregate live figures; whether one person is active is a
                    // question about that person, like a user page: analysts only.
                    .requestMatchers("/api/v1/live/users/**")
                    .hasAnyRole(READERS)
                    .requestMatchers("/api/v1/live/**", "/api/v1/live")
                    .hasAnyRole(VIEWERS)
                    .requestMatchers(HttpMethod.GET, "/api/v1/insights", "/api/v1/insights/**")
                    .hasAnyRole(VIEWERS)
                    .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/**")
                    .hasAnyRole(VIEWERS)
                    .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/acknowledge")
                    .hasAnyRole(READERS)
                    .requestMatchers(
                        HttpMethod.GET, "/api/v1/alert-rules", "/api/v1/alert-rules/**")
                    .hasAnyRole(READERS)
                    // Erasing a user is an admin action, whatever the path's read rules are.
                    .requestMatchers(HttpMethod.DELETE, "/api/v1/users/**", "/v1/user/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers(HttpMethod.GET, "/v1/user/**")
                    .hasAnyRole(READERS)
                    .requestMatchers(HttpMethod.GET, "/api/v1/quarantine", "/api/v1/quarantine/*")
                    .hasAnyRole(READERS)
                    .requestMatchers("/api/v1/users/**")
                    .hasAnyRole(READERS)
                    .requestMatchers("/api/v1/imports", "/api/v1/imports/**")
                    .hasAnyRole(READERS)
                    .requestMatchers(HttpMethod.GET, "/api/v1/customers/**")
                    .hasAnyRole(READERS)
                    // Analysts read exports, trigger runs and download files; admins change them.
                    .requestMatchers(HttpMethod.GET, "/api/v1/exports", "/api/v1/exports/**")
                    .hasAnyRole(READERS)
                    .requestMatchers(HttpMethod.POST, "/api/v1/exports/*/runs")
                    .hasAnyRole(READERS)
                    .requestMatchers(HttpMethod.GET, "/api/v1/sources", "/api/v1/sources/**")
                    .hasAnyRole(READERS)
                    // The instance's health details and version, for every signed-in role.
                    .requestMatchers(HttpMethod.GET, "/api/v1/system/**")
                    .hasAnyRole(VIEWERS)
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()));
    return http.build();
  }

  /** The key filter runs inside the security chain only, not a second time as a servlet filter. */
  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilterRegistration(ApiKeyFilter filter) {
    FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  UserDetailsService userDetailsService(Accounts accounts) {
    return username ->
        accounts
            .find(username)
            .map(
                a ->
                    User.withUsername(a.username())
                        .password(a.passwordHash())
                        .roles(a.role().name())
                        .disabled(a.disabled())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no account " + username));
  }
}
