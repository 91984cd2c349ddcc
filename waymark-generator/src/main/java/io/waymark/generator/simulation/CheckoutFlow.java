package io.waymark.generator.simulation;

import io.waymark.generator.event.Event;
import io.waymark.generator.shop.Product;
import io.waymark.generator.shop.ShopPages;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** From the first add_to_cart to the purchase, with the drop-off rates of {@link Funnel}. */
final class CheckoutFlow {

  static final String[] PAYMENT_METHODS = {
    "card", "card", "card", "paypal", "paypal", "klarna", "sepa_debit", "apple_pay"
  };
  static final String[] FAILURE_REASONS = {
    "card_declined", "insufficient_funds", "expired_card", "authentication_failed"
  };
  static final String[] CARD_TESTING_REASONS = {"card_declined", "incorrect_cvc", "do_not_honor"};

  private CheckoutFlow() {}

  static void shop(Visit v, List<Product> viewed) {
    List<Product> candidates = new ArrayList<>(new LinkedHashSet<>(viewed));
    Map<Product, Integer> cart = new LinkedHashMap<>();
    int adds = 1 + (v.chance(0.35) ? 1 : 0) + (v.chance(0.10) ? 1 : 0);
    for (int i = 0; i < adds && i < candidates.size(); i++) {
      Product p = candidates.get(candidates.size() - 1 - i);
      int quantity = v.chance(0.85) ? 1 : 2;
      v.pass(Dwell.quick(v.random()));
      v.emit(cartEvent(v, "add_to_cart", p, quantity));
      cart.put(p, quantity);
    }
    boolean checksOut = v.chance(Funnel.CHECKOUT_AFTER_CART);
    if ((cart.size() > 1 || !checksOut) && v.chance(Funnel.REMOVE_FROM_CART)) {
      Product p = cart.keySet().iterator().next();
      v.pass(Dwell.quick(v.random()));
      v.emit(cartEvent(v, "remove_from_cart", p, cart.remove(p)));
    }
    v.pass(Dwell.reading(v.random()));
    v.open(ShopPages.cart());
    if (!checksOut || cart.isEmpty()) {
      return;
    }
    if (!v.shopper().loggedIn()) {
      v.pass(Dwell.quick(v.random()));
      v.identify();
    }
    BigDecimal total = total(cart);
    List<Map<String, Object>> items = Visit.items(cart);
    v.pass(Dwell.quick(v.random()));
    v.open(ShopPages.checkout());
    v.pass(Dwell.pageLoad(v.random()));
    v.emit(
        v.event("checkout")
            .pageUrl(v.currentUrl())
            .money(total, Product.CURRENCY)
            .properties(Map.of("items", items)));
    pay(v, total, items);
  }

  private static void pay(Visit v, BigDecimal total, List<Map<String, Object>> items) {
    String orderId = Ids.hex("ord-", v.random(), 12);
    String method = PAYMENT_METHODS[v.random().nextInt(PAYMENT_METHODS.length)];
    v.pass(Dwell.form(v.random()));
    boolean purchases;
    if (v.shopper().cardTester()) {
      int attempts = 3 + v.random().nextInt(8);
      for (int i = 0; i < attempts; i++) {
        String reason = CARD_TESTING_REASONS[v.random().nextInt(CARD_TESTING_REASONS.length)];
        v.emit(paymentFailed(v, orderId, total, method, reason, items));
        v.pass(Duration.ofMillis(3_000 + v.random().nextInt(20_000)));
      }
      purchases = v.chance(Funnel.CARD_TESTER_PURCHASE);
    } else {
      purchases = v.chance(Funnel.PURCHASE_AFTER_CHECKOUT);
      if (v.chance(Funnel.PAYMENT_FAILURE)) {
        String reason = FAILURE_REASONS[v.random().nextInt(FAILURE_REASONS.length)];
        v.emit(paymentFailed(v, orderId, total, method, reason, items));
        v.pass(Dwell.form(v.random()));
      }
    }
    if (!purchases) {
      return;
    }
    v.open(ShopPages.confirmation(orderId));
    v.pass(Dwell.pageLoad(v.random()));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("items", items);
    properties.put("payment_method", method);
    v.emit(
        v.event("purchase")
            .pageUrl(v.currentUrl())
            .orderId(orderId)
            .money(total, Product.CURRENCY)
            .properties(properties));
  }

  private static Event.Builder paymentFailed(
      Visit v,
      String orderId,
      BigDecimal total,
      String method,
      String reason,
      List<Map<String, Object>> items) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("reason", reason);
    properties.put("payment_method", method);
    properties.put("items", items);
    return v.event("payment_failed")
        .pageUrl(v.currentUrl())
        .orderId(orderId)
        .money(total, Product.CURRENCY)
        .properties(properties);
  }

  private static Event.Builder cartEvent(Visit v, String type, Product p, int quantity) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("quantity", quantity);
    properties.put("price", p.price());
    return v.event(type)
        .productId(p.productId())
        .pageUrl(ShopPages.product(p).url())
        .properties(properties);
  }

  private static BigDecimal total(Map<Product, Integer> cart) {
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<Product, Integer> e : cart.entrySet()) {
      total = total.add(e.getKey().price().multiply(BigDecimal.valueOf(e.getValue())));
    }
    return total;
  }
}
