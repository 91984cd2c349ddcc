package io.waymark.generator.simulation;

import io.waymark.generator.event.Event;
import io.waymark.generator.shop.Page;
import io.waymark.generator.shop.Product;
import io.waymark.generator.shop.ShopPages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** One session being planned: its clock, the page the shopper is on, and the events so far. */
final class Visit {

  private final Shopper shopper;
  private final String sessionId;
  private final List<Event> events = new ArrayList<>();
  private Instant time;
  private String currentUrl;

  Visit(Shopper shopper, Instant start) {
    this.shopper = shopper;
    this.sessionId = Ids.uuid(shopper.random()).toString();
    this.time = start.truncatedTo(ChronoUnit.MILLIS);
  }

  Shopper shopper() {
    return shopper;
  }

  RandomGenerator random() {
    return shopper.random();
  }

  boolean chance(double probability) {
    return shopper.random().nextDouble() < probability;
  }

  List<Event> events() {
    return events;
  }

  String currentUrl() {
    return currentUrl;
  }

  /** Lets time pass before the next event. */
  void pass(Duration d) {
    time = time.plus(d).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Starts an event at the current time, carrying the shopper's identity and device. */
  Event.Builder event(String type) {
    return Event.builder(Ids.uuid(shopper.random()), type, time)
        .identity(shopper.userId(), shopper.anonymousId())
        .session(sessionId, shopper.device());
  }

  void emit(Event.Builder builder) {
    events.add(builder.build());
  }

  /** Opens a page from an external referrer (null for a direct visit). */
  void land(Page page, String referrer) {
    emit(event("page_view").page(page.url(), page.name(), referrer));
    currentUrl = page.url();
  }

  /** Opens a page by following a link on the current page. */
  void open(Page page) {
    land(page, currentUrl);
  }

  /** Opens a product page: a page_view, then the product_view the page fires once loaded. */
  void openProduct(Product p) {
    open(ShopPages.product(p));
    pass(Dwell.pageLoad(random()));
    emit(event("product_view").productId(p.productId()).pageUrl(currentUrl));
  }

  /** Sometimes scrolls and clicks on the current page. */
  void interact() {
    if (chance(Funnel.SCROLL)) {
      pass(Dwell.quick(random()));
      int depth = 25 * (1 + random().nextInt(4));
      emit(event("scroll").pageUrl(currentUrl).properties(Map.of("depth_percent", depth)));
    }
    if (chance(Funnel.CLICK)) {
      pass(Dwell.quick(random()));
      String[] elements = {"banner", "filter", "wishlist", "newsletter_signup", "image_gallery"};
      String element = elements[random().nextInt(elements.length)];
      emit(event("click").pageUrl(currentUrl).properties(Map.of("element", element)));
    }
  }

  /**
   * Logs in, or signs up when the shopper has no account: the events from here on carry the user_id
   * as well as the anonymous_id.
   */
  void identify() {
    boolean signUp = !shopper.hasAccount();
    open(signUp ? ShopPages.signUp() : ShopPages.login());
    pass(Dwell.form(random()));
    shopper.identify();
    emit(event(signUp ? "sign_up" : "login").pageUrl(currentUrl));
  }

  /** Line items as event properties: product id, quantity and unit price. */
  static List<Map<String, Object>> items(Map<Product, Integer> cart) {
    List<Map<String, Object>> items = new ArrayList<>();
    cart.forEach(
        (p, qty) -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("product_id", p.productId());
          item.put("quantity", qty);
          item.put("price", p.price());
          items.add(item);
        });
    return items;
  }
}
