package io.waymark.generator.shop;

import java.util.List;
import java.util.Locale;

/** A catalogue category with the words its product names, brands and prices are drawn from. */
public record Category(
    String name,
    String slug,
    List<String> nouns,
    List<String> brands,
    double minPrice,
    double maxPrice) {

  /** The search term a shopper types for this category, e.g. "headphones". */
  public String searchTerm() {
    return nouns.get(0).toLowerCase(Locale.ROOT);
  }
}
