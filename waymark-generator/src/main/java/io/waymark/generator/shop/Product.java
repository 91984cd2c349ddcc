package io.waymark.generator.shop;

import java.math.BigDecimal;

/** A product of the simulated shop; prices are in EUR. */
public record Product(
    String productId,
    String name,
    Category category,
    String brand,
    BigDecimal price,
    String description) {

  /** The currency of every price in the shop. */
  public static final String CURRENCY = "EUR";
}
