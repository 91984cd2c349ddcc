package io.waymark.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Deep links into the web app ({@code /live}, {@code /users/alice}, ...) answer with its {@code
 * index.html}; the app's router takes it from there. The API, actuator and OpenAPI paths are not
 * listed, so they keep their own 404s.
 */
@Controller
class WebAppRoutes {

  /** Every client-side route of the web app (the routes in waymark-web/src/App.tsx). */
  static final String[] ROUTES = {
    "/login",
    "/live",
    "/insights",
    "/alerts",
    "/alerts/**",
    "/users",
    "/users/**",
    "/admin",
    "/admin/**",
    "/data",
    "/data/**"
  };

  @GetMapping({
    "/login",
    "/live",
    "/insights",
    "/alerts",
    "/alerts/**",
    "/users",
    "/users/**",
    "/admin",
    "/admin/**",
    "/data",
    "/data/**"
  })
  String app() {
    return "forward:/index.html";
  }
}
