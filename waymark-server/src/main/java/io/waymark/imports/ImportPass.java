package io.waymark.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.events.QuarantinedItem.Problem;
import io.waymark.ingest.Backfill;
import io.waymark.ingest.IngestService;
import io.waymark.store.FactStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one import: streams the file, checks each row, writes the good ones in batches (events
 * through the ingest core, facts to the store) and quarantines the bad ones, updating the job's
 * progress after every batch.
 */
final class ImportPass {

  private static final Logger log = LoggerFactory.getLogger(ImportPass.class);
  private static final int MAX_CSV_RECORD_CHARS = 64 * 1024;
  private static final int MAX_LINE_BYTES = 1024 * 1024;

  /** Why a file cannot be read on; the job fails with this reason. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private final ImportJob job;
  private final Dependencies deps;
  private final ImportProgress progress;
  private final List<Backfill.Rejected> rejected = new ArrayList<>();

  /** Fact rows of suppressed people in the current batch: read, neither written nor rejected. */
  private long suppressedFacts;

  private CountingInputStream counted;

  /** What a pass writes to. */
  record Dependencies(
      ImportJobs jobs,
      IngestService ingest,
      FactStore facts,
      FactRules rules,
      ObjectMapper json,
      ImportMetrics metrics,
      ImportSettings settings,
      long importedAt,
      Predicate<String> suppressed) {}

  /**
   * Why a row of an erased person who asked not to be tracked again is not stored. It names neither
   * the person nor the row's content: only the row number is kept with it.
   */
  static final String SUPPRESSED =
      "not stored: this person was erased and asked not to be tracked again (suppression,"
          + " docs/privacy.md)";

  ImportPass(ImportJob job, Dependencies deps) {
    this.job = job;
    this.deps = deps;
    this.progress = new ImportProgress(deps.settings().keptErrors());
  }

  ImportProgress progress() {
    return progress;
  }

  void run(Path file) throws IOException, Unreadable, InterruptedException {
    try (InputStream raw = Files.newInputStream(file)) {
      counted = new CountingInputStream(raw);
      InputStream in = new BufferedInputStream(counted, 64 * 1024);
      switch (job.kind()) {
        case CLICKSTREAM -> clickstream(in);
        case TRANSACTIONS -> transactions(in);
        case CATALOGUE ->
            jsonArray(
                in,
                deps.rules()::product,
                rows -> deps.facts().upsertCatalogue(rows, provenance()));
        case TICKETS ->
            jsonArray(
                in, deps.rules()::ticket, rows -> deps.facts().upsertTickets(rows, provenance()));
      }
    }
  }

  private FactStore.Provenance provenance() {
    return new FactStore.Provenance(job.id(), deps.importedAt());
  }

  private void clickstream(InputStream in) throws IOException, Unreadable, InterruptedException {
    int first = firstSignificantByte(in);
    List<Backfill.Row> rows = new ArrayList<>();
    if (first == '[') {
      try (JsonArrayReader r = new JsonArrayReader(deps.json(), in)) {
        for (JsonArrayReader.Element e = r.next(); e != null; e = r.next()) {
          rows.add(new Backfill.Row(e.number(), deps.json().writeValueAsBytes(e.node())));
          if (rows.size() == deps.settings().batchRows()) {
            events(rows);
          }
        }
      } catch (JsonArrayReader.Broken b) {
        events(rows);
        throw new Unreadable(b.getMessage());
      }
    } else {
      LineReader lines = new LineReader(in, MAX_LINE_BYTES);
      for (LineReader.Line l = lines.next(); l != null; l = lines.next()) {
        if (l.cut()) {
          reject(
              l.number(),
              null,
              new String(l.bytes(), StandardCharsets.UTF_8),
              "row",
              "the line is longer than " + MAX_LINE_BYTES + " bytes; one event per line");
        } else if (!LineReader.blank(l.bytes())) {
          rows.add(new Backfill.Row(l.number(), l.bytes()));
        }
        if (rows.size() + rejected.size() >= deps.settings().batchRows()) {
          events(rows);
        }
      }
    }
    events(rows);
  }

  /** The first byte that is not white space or a byte-order mark; the stream is left unread. */
  private static int firstSignificantByte(InputStream in) throws IOException {
    in.mark(4096);
    try {
      for (int i = 0; i < 4096; i++) {
        int c = in.read();
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB
            && c != 0xBF) {
          return c;
        }
      }
      return -1;
    } finally {
      in.reset();
    }
  }

  /** Sends the batch through the ingest core; its refusals are already quarantined there. */
  private void events(List<Backfill.Row> rows) throws InterruptedException, IOException {
    long read = rows.size() + rejected.size();
    Backfill.Outcome out = await(deps.ingest().importEvents(List.copyOf(rows), job.source()));
    progress.accepted(out.accepted());
    deps.metrics().accepted(job.kind(), out.accepted());
    for (Backfill.Rejected r : out.rejected()) {
      count(r);
    }
    for (long row : out.suppressed()) {
      suppressedRow(row); // already among the batch's rows read
    }
    suppressedFacts = 0;
    rows.clear();
    flush(read);
  }

  private void transactions(InputStream in) throws IOException, Unreadable, InterruptedException {
    CsvReader csv =
        new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_CSV_RECORD_CHARS);
    CsvReader.Record header = csv.next();
    int[] order = header == null ? null : columnOrder(header);
    List<io.waymark.store.Transaction> good = new ArrayList<>();
    for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
      if (r.problem() == null && r.raw().isEmpty()) {
        continue; // a blank line holds no row
      }
      if (r.problem() != null) {
        reject(r.line(), null, r.raw(), "row", "unparseable CSV: " + r.problem());
      } else {
        List<String> fields = r.fields();
        if (fields.size() == order.length) {
          List<String> ordered = new ArrayList<>(order.length);
          for (int i : order) {
            ordered.add(fields.get(i));
          }
          fields = ordered;
        }
        FactRules.Checked<io.waymark.store.Transaction> c = deps.rules().transaction(fields);
        if (suppressed(c.userKey())) {
          suppressedRow(r.line());
        } else if (c.row() != null) {
          good.add(c.row());
        } else {
          reject(r.line(), c.userKey(), r.raw(), c.problems());
        }
      }
      if (good.size() + rejected.size() >= deps.settings().batchRows()) {
        facts(good, rows -> deps.facts().upsertTransactions(rows, provenance()));
      }
    }
    facts(good, rows -> deps.facts().upsertTransactions(rows, provenance()));
  }

  /** Where each expected column is in the file's header. */
  private static int[] columnOrder(CsvReader.Record header) throws Unreadable {
    List<String> names = new ArrayList<>();
    for (String f : header.problem() == null ? header.fields() : List.<String>of()) {
      names.add(f.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT));
    }
    List<String> expected = FactRules.TRANSACTION_COLUMNS;
    if (names.size() != expected.size() || !names.containsAll(expected)) {
      throw new Unreadable(
          "the first line must be the header "
              + String.join(",", expected)
              + " (columns in any order); got \""
              + RowCheck.abbreviate(header.raw())
              + "\"");
    }
    int[] order = new int[expected.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = names.indexOf(expected.get(i));
    }
    return order;
  }

  private <T> void jsonArray(
      InputStream in, Function<JsonNode, FactRules.Checked<T>> check, Consumer<List<T>> write)
      throws IOException, Unreadable, InterruptedException {
    List<T> good = new ArrayList<>();
    try (JsonArrayReader r = new JsonArrayReader(deps.json(), in)) {
      for (JsonArrayReader.Element e = r.next(); e != null; e = r.next()) {
        FactRules.Checked<T> c = check.apply(e.node());
        if (suppressed(c.userKey())) {
          suppressedRow(e.number());
        } else if (c.row() != null) {
          good.add(c.row());
        } else {
          reject(e.number(), c.userKey(), e.node().toString(), c.problems());
        }
        if (good.size() + rejected.size() >= deps.settings().batchRows()) {
          facts(good, write);
        }
      }
    } catch (JsonArrayReader.Broken b) {
      facts(good, write);
      throw new Unreadable(b.getMessage());
    }
    facts(good, write);
  }

  private <T> void facts(List<T> good, Consumer<List<T>> write)
      throws InterruptedException, IOException {
    long read = good.size() + rejected.size() + suppressedFacts;
    suppressedFacts = 0;
    if (!good.isEmpty()) {
      write.accept(List.copyOf(good));
    }
    progress.accepted(good.size());
    deps.metrics().accepted(job.kind(), good.size());
    good.clear();
    flush(read);
  }

  private boolean suppressed(String userKey) {
    return userKey != null && deps.suppressed().test(userKey);
  }

  /** A suppressed person's row: counted and listed by number, neither stored nor quarantined. */
  private void suppressedRow(long row) {
    suppressedFacts++;
    progress.quarantined(row, "user_id", SUPPRESSED);
    deps.metrics().suppressed(job.kind(), 1);
  }

  private void reject(long row, String userKey, String raw, String field, String reason) {
    reject(row, userKey, raw, List.of(new Problem(field, reason)));
  }

  private void reject(long row, String userKey, String raw, List<Problem> problems) {
    Backfill.Rejected r = new Backfill.Rejected(row, userKey, raw, problems);
    rejected.add(r);
    count(r);
  }

  private void count(Backfill.Rejected r) {
    Problem p = r.problems().get(0);
    boolean shown = progress.quarantined() < deps.settings().keptErrors();
    progress.quarantined(r.row(), p.field(), p.reason());
    deps.metrics().quarantined(job.kind(), 1);
    if (shown) {
      log.info(
          "import {} ({}, file {}): row {} quarantined: {}: {}",
          job.id(),
          job.kind().apiName(),
          job.fileName(),
          r.row(),
          p.field(),
          p.reason());
    }
  }

  /** Quarantines this batch's refused rows, then records the progress. */
  private void flush(long rowsInBatch) throws InterruptedException, IOException {
    if (!rejected.isEmpty()) {
      await(deps.ingest().quarantineImported(List.copyOf(rejected), job.source()));
      rejected.clear();
    }
    progress.read(rowsInBatch, counted.count());
    deps.jobs().progress(job.id(), progress);
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f)
      throws InterruptedException, IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(
          "the event log did not acknowledge the write ("
              + cause
              + "); check the Kafka broker (/actuator/health)",
          cause);
    }
  }
}
