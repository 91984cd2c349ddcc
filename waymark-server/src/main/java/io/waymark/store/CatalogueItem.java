package io.waymark.store;

import java.math.BigDecimal;

/** One imported product, a row of {@code catalogue_items}; times are epoch milliseconds. */
public record CatalogueItem(
    String productId,
    String name,
    String category,
    String brand,
    BigDecimal price,
    String currency,
    String description,
    long updatedAt) {}
