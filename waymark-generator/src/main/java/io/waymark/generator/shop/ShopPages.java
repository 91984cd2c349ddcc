package io.waymark.generator.shop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** The pages of the simulated shop at {@value #BASE}. */
public final class ShopPages {

  /** The shop's origin; example.com is reserved for documentation. */
  public static final String BASE = "https://shop.example.com";

  private static final List<String> BLOG =
      List.of(
          "better B2B customer experience",
          "how to choose running shoes",
          "ten gift ideas under 50 euros",
          "brewing the perfect espresso at home",
          "smart home on a budget",
          "packing list for a weekend camping trip",
          "what is new this season");
  private static final List<String> HELP =
      List.of(
          "shipping and delivery",
          "returns and refunds",
          "payment methods",
          "track your order",
          "contact us");

  private ShopPages() {}

  public static Page home() {
    return new Page(BASE + "/", "Home");
  }

  public static Page category(Category c) {
    return new Page(BASE + "/c/" + c.slug(), "Category: " + c.name());
  }

  public static Page product(Product p) {
    return new Page(BASE + "/products/" + p.productId(), p.name());
  }

  public static Page search(String query) {
    return new Page(
        BASE + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "Search: " + query);
  }

  public static Page cart() {
    return new Page(BASE + "/cart", "Cart");
  }

  public static Page checkout() {
    return new Page(BASE + "/checkout", "Checkout");
  }

  public static Page confirmation(String orderId) {
    return new Page(BASE + "/checkout/confirmation?order=" + orderId, "Order confirmation");
  }

  public static Page login() {
    return new Page(BASE + "/account/login", "Log in");
  }

  public static Page signUp() {
    return new Page(BASE + "/account/register", "Sign up");
  }

  public static Page blog(RandomGenerator r) {
    String title = BLOG.get(r.nextInt(BLOG.size()));
    return new Page(BASE + "/blog/" + slug(title), "Blog: " + title);
  }

  public static Page help(RandomGenerator r) {
    String topic = HELP.get(r.nextInt(HELP.size()));
    return new Page(BASE + "/help/" + slug(topic), "Help: " + topic);
  }

  private static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
