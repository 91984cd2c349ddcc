package io.waymark.generator;

/** The help texts of the generator and its commands. */
final class Usage {

  static final String MAIN =
      """
      usage: java -jar waymark-generator.jar <command> [options]   (or: ./waymark generate ...)

      Simulates shoppers of an online shop (browsing, search, product views, cart, checkout,
      purchases, failed payments, logins, a few bots) and either sends their events to Waymark in
      real time or writes bulk files for an import.

      commands:
        send    stream events to a running Waymark:  send --url http://127.0.0.1:8080 --key KEY
        files   write clickstream, transactions, catalogue and support tickets:  files --out DIR

      Run '<command> --help' for the options of a command.
      """;

  static final String SEND =
      """
      usage: send --url <base-url> --key <ingest-key> [options]

      Posts simulated events to <base-url>/api/v1/events (Authorization: Bearer <ingest-key>),
      stamped with the wall-clock send time. Prints progress every 5 s; Ctrl-C stops and prints
      a summary. 429 waits for Retry-After, 5xx and connection errors are retried with backoff
      (up to 30 s) with the same event ids; gives up when the server is unreachable for 60 s or
      refuses the key (exit code 1).

      options:
        --url <base-url>    Waymark base URL, e.g. http://127.0.0.1:8080 (required)
        --key <ingest-key>  ingest key (required)
        --rate <n>          events per second (default 50)
        --events <n>        stop after n events (default: until Ctrl-C)
        --users <n>         simulated population (default 1000)
        --batch <n>         events per request, 1 to 500 (default 1: one JSON object per request;
                            more: a JSON array; a partial batch is sent after 1 s)
        --bots <fraction>   share of bot-like shoppers (default 0.002)
        --seed <n>          random seed, for a repeatable event sequence (default: random)
      """;

  static final String FILES =
      """
      usage: files --out <dir> [options]

      Writes four consistent files for a past period (same user, product and order ids):
        clickstream.json       NDJSON, one event per line (docs/event-model.md)
        transactions.csv       transaction_id,order_id,user_id,timestamp,status,amount,currency,
                               payment_method,items
        catalogue.json         the 500 products
        support_tickets.json   support tickets of the simulated customers

      options:
        --out <dir>         output directory, created if missing (required)
        --events <n>        number of events (default 100000)
        --users <n>         simulated population (default 1000)
        --from <date>       start of the period, ISO date or time (default: 30 days ago);
                            the period ends now
        --bots <fraction>   share of bot-like shoppers (default 0.002)
        --seed <n>          random seed, for repeatable files (default: random)
      """;

  private Usage() {}
}
