package io.waymark.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: title, bearer-key security, and the schemas of the collector's
 * hand-parsed bodies (the event model of docs/event-model.md).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI waymarkOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Waymark API")
                .version("v1")
                .description(
                    "Real-time e-commerce behaviour analytics. Authenticate with 'Authorization: Bearer"
                        + " <key>' (ingest keys may only send events), an account (HTTP Basic), or"
                        + " the web app's session cookie from POST /api/v1/auth/login (then send"
                        + " its csrf_token as X-CSRF-Token on POST, PATCH and DELETE).")
                .license(new License().name("Apache-2.0")))
        .addSecurityItem(
            new SecurityRequirement().addList("bearer").addList("basic").addList("session"))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "session",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("WAYMARK_SESSION"))
                .addSchemas("Event", event())
                .addSchemas("PageCall", page())
                .addSchemas("IngestResult", result()));
  }

  private static Schema<?> event() {
    ObjectSchema s = new ObjectSchema();
    s.description("An event, schema version 1 (docs/event-model.md). Unknown fields are rejected.");
    s.addProperty(
        "event_id", str("UUID; the deduplication key; generated when absent").format("uuid"));
    s.addProperty(
        "type",
        str(
            "page_view, product_view, search, add_to_cart, remove_from_cart, checkout, purchase,"
                + " click, scroll, session_start, session_end, or a custom lower_snake_case type"));
    s.addProperty("event_type", str("alias of type (flat contract)"));
    s.addProperty("user_id", str("identified user (user_id or anonymous_id is required)"));
    s.addProperty("anonymous_id", str("device/browser id before identification"));
    s.addProperty("session_id", str("client session hint"));
    s.addProperty(
        "timestamp",
        str("ISO-8601 with offset, or epoch milliseconds; default: receive time")
            .format("date-time"));
    s.addProperty(
        "sent_at", str("when the client sent it; used to correct clock skew").format("date-time"));
    s.addProperty("page_url", str("page URL (page_view needs page_url or page_name)"));
    s.addProperty("page_name", str("page name"));
    s.addProperty("referrer", str("referrer URL"));
    s.addProperty("product_id", str("required for product_view, add_to_cart, remove_from_cart"));
    s.addProperty("order_id", str("required for purchase"));
    s.addProperty(
        "amount",
        new Schema<Double>().type("number").description("required for purchase; needs currency"));
    s.addProperty("currency", str("ISO-4217 code, e.g. EUR"));
    s.addProperty("search_query", str("required for search"));
    s.addProperty("properties", new ObjectSchema().description("free-form custom data"));
    s.addProperty(
        "context",
        new ObjectSchema().description("ip, user_agent, locale, country (ISO-3166 alpha-2)"));
    s.addProperty("schema_version", new Schema<Integer>().type("integer").description("1"));
    return s;
  }

  private static Schema<?> page() {
    ObjectSchema s = new ObjectSchema();
    s.description("A page view named name (compatibility contract).");
    s.addProperty("user_id", str("the user"));
    s.addProperty("name", str("the page name"));
    s.addProperty("timestamp", str("ISO-8601 with offset").format("date-time"));
    s.required(List.of("user_id", "name"));
    return s;
  }

  private static Schema<?> result() {
    ObjectSchema error = new ObjectSchema();
    error.addProperty(
        "index", new Schema<Integer>().type("integer").description("position in the request"));
    error.addProperty("field", str("the field at fault"));
    error.addProperty("reason", str("the rule it broke"));
    error.addProperty("quarantine_id", str("where the item was kept for review").format("uuid"));
    ObjectSchema s = new ObjectSchema();
    s.addProperty("accepted", new Schema<Integer>().type("integer"));
    s.addProperty("rejected", new Schema<Integer>().type("integer"));
    s.addProperty("message", str("why the whole request failed, when it did"));
    s.addProperty("errors", new ArraySchema().items(error));
    return s;
  }

  private static Schema<String> str(String description) {
    Schema<String> s = new StringSchema();
    s.description(description);
    return s;
  }
}
