package io.waymark.generator.simulation;

/**
 * The behaviour rates of simulated shoppers, documented in the module README. Conditional rates
 * multiply: about 60 % of sessions view products, 20 % add to cart, 10 % check out, 6 % purchase.
 */
final class Funnel {

  /** Sessions that view at least one product. */
  static final double VIEW_PRODUCTS = 0.60;

  /** Product-viewing sessions that add to the cart: 0.60 × 1/3 ≈ 20 % of all sessions. */
  static final double ADD_TO_CART_AFTER_VIEW = 1.0 / 3;

  /** Carts that reach checkout. */
  static final double CHECKOUT_AFTER_CART = 0.50;

  /** Checkouts that end in a purchase (card testers purchase far less, see below). */
  static final double PURCHASE_AFTER_CHECKOUT = 0.60;

  /** Carts from which an item is removed again (when that leaves something in the cart). */
  static final double REMOVE_FROM_CART = 0.15;

  /** Sessions that use the search box. */
  static final double SEARCH = 0.35;

  /** Sessions that land directly on a product page, among the product-viewing ones. */
  static final double LAND_ON_PRODUCT = 0.15;

  /** Checkouts with one failed payment attempt before paying or giving up. */
  static final double PAYMENT_FAILURE = 0.08;

  /** Human shoppers who are card testers: every checkout is a burst of 3-10 failed payments. */
  static final double CARD_TESTER_SHARE = 0.005;

  /** Card testers' checkouts that still end in a purchase. */
  static final double CARD_TESTER_PURCHASE = 0.10;

  /** Shoppers who already have an account when the simulation starts. */
  static final double KNOWN_USER_SHARE = 0.35;

  /** Sessions of account holders that start logged in (with user_id and anonymous_id). */
  static final double START_LOGGED_IN = 0.70;

  /** Logged-out sessions that log in (account holders) or sign up (new visitors) while browsing. */
  static final double IDENTIFY_WHILE_BROWSING = 0.10;

  /** New visitors who never come back after a session; a new visitor takes their place. */
  static final double NEW_VISITOR_CHURN = 0.50;

  /** Account holders who never come back after a session. */
  static final double ACCOUNT_HOLDER_CHURN = 0.02;

  /** Page views followed by a scroll event, and by a click event. */
  static final double SCROLL = 0.25;

  static final double CLICK = 0.15;

  private Funnel() {}
}
