package io.waymark.generator.shop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The product catalogue: 500 products in 12 categories. It is the same for every run (its own fixed
 * seed), so product ids stay stable across generated data sets.
 */
public final class Catalogue {

  /** Number of products in the standard catalogue. */
  public static final int SIZE = 500;

  private static final long CATALOGUE_SEED = 20_261_122L;
  private static final List<String> MODELS = List.of("", " Pro", " Mini", " Max", " Lite", " 2");
  private static final List<String> ADJECTIVES =
      List.of("Classic", "Compact", "Premium", "Eco", "Ultra", "Essential", "Wireless", "Deluxe");

  private final List<Product> products;
  private final Map<String, Product> byId = new LinkedHashMap<>();
  private final Map<Category, List<Product>> byCategory = new LinkedHashMap<>();
  private final List<Category> categories;

  private Catalogue(List<Product> products) {
    this.products = List.copyOf(products);
    for (Product p : products) {
      byId.put(p.productId(), p);
      byCategory.computeIfAbsent(p.category(), c -> new ArrayList<>()).add(p);
    }
    this.categories = List.copyOf(byCategory.keySet());
  }

  /** The standard catalogue of the simulated shop. */
  public static Catalogue standard() {
    RandomGenerator r = new SplittableRandom(CATALOGUE_SEED);
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      Category c = Categories.ALL.get(i % Categories.ALL.size());
      products.add(product(String.format("prod-%04d", i + 1), c, r));
    }
    return new Catalogue(products);
  }

  private static Product product(String id, Category c, RandomGenerator r) {
    String brand = c.brands().get(r.nextInt(c.brands().size()));
    String noun = c.nouns().get(r.nextInt(c.nouns().size()));
    String adjective = ADJECTIVES.get(r.nextInt(ADJECTIVES.size()));
    String name = brand + " " + adjective + " " + noun + MODELS.get(r.nextInt(MODELS.size()));
    // Prices skew towards the cheap end of the category, as in most shops.
    double u = r.nextDouble();
    double raw = c.minPrice() + (c.maxPrice() - c.minPrice()) * u * u;
    BigDecimal price = BigDecimal.valueOf(Math.floor(raw) + 0.99).setScale(2, RoundingMode.HALF_UP);
    String description =
        adjective
            + " "
            + noun.toLowerCase(Locale.ROOT)
            + " by "
            + brand
            + ", from our "
            + c.name()
            + " range.";
    return new Product(id, name, c, brand, price, description);
  }

  public List<Product> products() {
    return products;
  }

  public List<Category> categories() {
    return categories;
  }

  /** The product with this id, or null. */
  public Product product(String productId) {
    return byId.get(productId);
  }

  /** A product of the category, favouring its best sellers (the first ones listed). */
  public Product pick(Category category, RandomGenerator random) {
    List<Product> list = byCategory.get(category);
    double u = random.nextDouble();
    return list.get((int) (list.size() * u * u));
  }

  /** A category, favouring the popular ones (the first ones listed). */
  public Category pickCategory(RandomGenerator random) {
    double u = random.nextDouble();
    return categories.get((int) (categories.size() * Math.pow(u, 1.5)));
  }
}
