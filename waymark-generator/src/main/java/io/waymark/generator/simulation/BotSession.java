package io.waymark.generator.simulation;

import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.shop.Product;
import io.waymark.generator.shop.ShopPages;

/** A scraper's session: hundreds of product page views and searches a few hundred ms apart. */
final class BotSession {

  private BotSession() {}

  static void plan(Visit v, Catalogue catalogue) {
    int requests = 150 + v.random().nextInt(250);
    v.land(ShopPages.home(), null);
    int next = v.random().nextInt(catalogue.products().size());
    for (int i = 0; i < requests; i++) {
      v.pass(Dwell.bot(v.random()));
      if (v.chance(0.1)) {
        String query = catalogue.pickCategory(v.random()).searchTerm();
        v.emit(v.event("search").searchQuery(query).pageUrl(v.currentUrl()));
      } else {
        Product p = catalogue.products().get(next++ % catalogue.products().size());
        v.openProduct(p);
      }
    }
  }
}
