package io.waymark.generator.simulation;

import io.waymark.generator.event.EventContext;
import java.util.List;
import java.util.random.RandomGenerator;

/** Device contexts; IP addresses come from the documentation ranges (RFC 5737). */
final class Devices {

  private static final List<String> BROWSERS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              + " Version/18.1 Safari/605.1.15",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
              + " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Mobile Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
  private static final List<String> BOTS =
      List.of(
          "python-requests/2.32.3",
          "Mozilla/5.0 (compatible; PriceScraper/1.4)",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " HeadlessChrome/131.0.0.0 Safari/537.36");
  private static final List<String[]> LOCALES =
      List.of(
          new String[] {"de-DE", "DE"},
          new String[] {"de-DE", "DE"},
          new String[] {"de-DE", "DE"},
          new String[] {"en-GB", "GB"},
          new String[] {"en-GB", "GB"},
          new String[] {"fr-FR", "FR"},
          new String[] {"nl-NL", "NL"},
          new String[] {"de-AT", "AT"},
          new String[] {"es-ES", "ES"},
          new String[] {"it-IT", "IT"},
          new String[] {"pl-PL", "PL"},
          new String[] {"sv-SE", "SE"},
          new String[] {"en-US", "US"});

  private Devices() {}

  /** A shopper's browser on a phone or computer. */
  static EventContext browser(RandomGenerator r) {
    String[] locale = LOCALES.get(r.nextInt(LOCALES.size()));
    String ip = (r.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + r.nextInt(254));
    return new EventContext(ip, BROWSERS.get(r.nextInt(BROWSERS.size())), locale[0], locale[1]);
  }

  /** A scraper or headless browser. */
  static EventContext bot(RandomGenerator r) {
    String ip = "192.0.2." + (1 + r.nextInt(254));
    return new EventContext(ip, BOTS.get(r.nextInt(BOTS.size())), "en-US", "US");
  }
}
