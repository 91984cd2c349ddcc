package io.waymark.generator.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.generator.cli.Options;
import io.waymark.generator.cli.UsageException;
import io.waymark.generator.event.Event;
import io.waymark.generator.event.EventJson;
import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.simulation.SessionProfile;
import io.waymark.generator.simulation.ShopperSimulation;
import io.waymark.generator.simulation.SimulationSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code files}: writes clickstream.json, transactions.csv, catalogue.json and support_tickets.json
 * for a past period, all from one simulation so their ids cross-reference.
 */
public final class FilesCommand {

  /** The option names {@code files} accepts. */
  public static final Set<String> OPTIONS = FilesSettings.OPTIONS;

  /** Share of the period the expected events fill, so the requested count fits before now. */
  private static final double FILL = 0.95;

  private FilesCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(Options options, PrintStream out, PrintStream err, Clock clock)
      throws UsageException {
    FilesSettings s = FilesSettings.from(options, clock, new SecureRandom().nextLong());
    try {
      write(s, out);
      return 0;
    } catch (IOException e) {
      err.println("waymark-generator: cannot write to " + s.out() + ": " + e);
      return 1;
    }
  }

  static void write(FilesSettings s, PrintStream out) throws IOException {
    Files.createDirectories(s.out());
    Catalogue catalogue = Catalogue.standard();
    ObjectMapper mapper = new ObjectMapper();
    SimulationSettings sim =
        SimulationSettings.of(s.seed(), s.from()).withUsers(s.users(), s.bots());
    SessionProfile profile = ShopperSimulation.profile(sim, catalogue);
    double seconds = Duration.between(s.from(), s.to()).toMillis() / 1000.0;
    sim = sim.withMeanSessionGap(profile.gapFor(s.users(), s.events() / (seconds * FILL)));

    SplittableRandom random = new SplittableRandom(s.seed()).split();
    TransactionLedger ledger = new TransactionLedger(random.split());
    TicketDesk desk = new TicketDesk(random.split());
    Path clickstream = s.out().resolve("clickstream.json");
    long written =
        writeClickstream(
            s, new ShopperSimulation(sim, catalogue), mapper, clickstream, ledger, desk);

    BulkWriters writers = new BulkWriters(mapper);
    Path transactions = s.out().resolve("transactions.csv");
    writers.transactions(transactions, ledger.transactions());
    Path catalogueFile = s.out().resolve("catalogue.json");
    writers.catalogue(catalogueFile, catalogue, s.from());
    Path ticketsFile = s.out().resolve("support_tickets.json");
    List<Ticket> tickets = desk.tickets(s.to());
    writers.tickets(ticketsFile, tickets);

    out.printf(
        "wrote %d events of %d users from %s to %s (seed %d):%n",
        written,
        s.users(),
        EventJson.TIME.format(s.from()),
        EventJson.TIME.format(s.to()),
        s.seed());
    out.printf("  %s  %d events%n", clickstream, written);
    out.printf("  %s  %d transactions%n", transactions, ledger.transactions().size());
    out.printf("  %s  %d products%n", catalogueFile, catalogue.products().size());
    out.printf("  %s  %d tickets%n", ticketsFile, tickets.size());
  }

  /** Writes events in time order until the requested count or the end of the period. */
  private static long writeClickstream(
      FilesSettings s,
      ShopperSimulation simulation,
      ObjectMapper mapper,
      Path file,
      TransactionLedger ledger,
      TicketDesk desk)
      throws IOException {
    EventJson json = new EventJson(mapper);
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < s.events()) {
        Event e = simulation.next();
        if (!e.timestamp().isBefore(s.to())) {
          break;
        }
        w.write(json.line(e));
        w.write('\n');
        ledger.observe(e);
        desk.observe(e);
        written++;
      }
    }
    return written;
  }
}
