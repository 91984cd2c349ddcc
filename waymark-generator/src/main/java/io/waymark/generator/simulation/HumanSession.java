package io.waymark.generator.simulation;

import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.shop.Category;
import io.waymark.generator.shop.Page;
import io.waymark.generator.shop.Product;
import io.waymark.generator.shop.ShopPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A person's session: land, browse, maybe search, view products and, with the drop-off rates of
 * {@link Funnel}, go on to the cart and checkout.
 */
final class HumanSession {

  private static final String[] REFERRERS = {
    null,
    null,
    "https://www.google.com/",
    "https://www.google.com/",
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://www.instagram.com/",
    "https://www.facebook.com/",
    "https://newsletter.example.net/"
  };

  private HumanSession() {}

  static void plan(Visit v, Catalogue catalogue) {
    boolean viewsProducts = v.chance(Funnel.VIEW_PRODUCTS);
    Category interest = catalogue.pickCategory(v.random());
    List<Product> viewed = new ArrayList<>();
    land(v, catalogue, interest, viewsProducts, viewed);
    if (!v.shopper().loggedIn() && v.chance(Funnel.IDENTIFY_WHILE_BROWSING)) {
      v.pass(Dwell.quick(v.random()));
      v.identify();
    }
    browse(v, catalogue, interest);
    if (v.chance(Funnel.SEARCH)) {
      interest = search(v, catalogue, interest);
    }
    if (viewsProducts) {
      viewProducts(v, catalogue, interest, viewed);
      if (v.chance(Funnel.ADD_TO_CART_AFTER_VIEW)) {
        CheckoutFlow.shop(v, viewed);
      }
    }
    if (v.chance(0.2)) {
      v.pass(Dwell.reading(v.random()));
      v.open(v.chance(0.5) ? ShopPages.help(v.random()) : ShopPages.blog(v.random()));
    }
  }

  private static void land(
      Visit v,
      Catalogue catalogue,
      Category interest,
      boolean viewsProducts,
      List<Product> viewed) {
    String referrer = REFERRERS[v.random().nextInt(REFERRERS.length)];
    if (viewsProducts && v.chance(Funnel.LAND_ON_PRODUCT)) {
      Product p = catalogue.pick(interest, v.random());
      v.land(ShopPages.product(p), referrer);
      v.pass(Dwell.pageLoad(v.random()));
      v.emit(v.event("product_view").productId(p.productId()).pageUrl(v.currentUrl()));
      viewed.add(p);
      return;
    }
    double u = v.random().nextDouble();
    if (u < 0.60) {
      v.land(ShopPages.home(), referrer);
    } else if (u < 0.80) {
      v.land(ShopPages.category(interest), referrer);
    } else if (u < 0.95) {
      v.land(ShopPages.blog(v.random()), referrer);
    } else {
      v.land(ShopPages.help(v.random()), referrer);
    }
    v.interact();
  }

  private static void browse(Visit v, Catalogue catalogue, Category interest) {
    int pages = v.random().nextInt(3);
    for (int i = 0; i < pages; i++) {
      double u = v.random().nextDouble();
      Page page;
      if (u < 0.6) {
        page = ShopPages.category(i == 0 ? interest : catalogue.pickCategory(v.random()));
      } else if (u < 0.8) {
        page = ShopPages.home();
      } else {
        page = ShopPages.blog(v.random());
      }
      if (!page.url().equals(v.currentUrl())) {
        v.pass(Dwell.reading(v.random()));
        v.open(page);
        v.interact();
      }
    }
  }

  /** Searches for a category term or a brand; returns the category the results belong to. */
  private static Category search(Visit v, Catalogue catalogue, Category interest) {
    Category category = v.chance(0.7) ? interest : catalogue.pickCategory(v.random());
    String query =
        v.chance(0.7)
            ? category.searchTerm()
            : catalogue.pick(category, v.random()).brand().toLowerCase(Locale.ROOT)
                + " "
                + category.searchTerm();
    v.pass(Dwell.reading(v.random()));
    v.pass(Dwell.quick(v.random()));
    v.emit(v.event("search").searchQuery(query).pageUrl(v.currentUrl()));
    v.pass(Dwell.pageLoad(v.random()));
    v.open(ShopPages.search(query));
    return category;
  }

  private static void viewProducts(
      Visit v, Catalogue catalogue, Category interest, List<Product> viewed) {
    int count = 1;
    while (count < 6 && v.chance(0.55)) {
      count++;
    }
    for (int i = viewed.isEmpty() ? 0 : 1; i < count; i++) {
      v.pass(Dwell.reading(v.random()));
      Category c = v.chance(0.8) ? interest : catalogue.pickCategory(v.random());
      Product p = catalogue.pick(c, v.random());
      if (!viewed.isEmpty() && viewed.get(viewed.size() - 1).equals(p)) {
        continue; // a second look at the same product is no new page
      }
      v.openProduct(p);
      v.pass(Dwell.product(v.random()));
      v.interact();
      viewed.add(p);
    }
  }
}
