package io.waymark.platform;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Paging of lists kept newest first by a sequence number (import jobs, source and export runs): the
 * page token is the sequence number of a page's last row, and the next page holds the rows before
 * it. One place for the checks, so every such list answers bad input the same way.
 */
public final class SeqPaging {

  private SeqPaging() {}

  /** A page of views and the token of the next page (null on the last page). */
  public record Page<V>(List<V> items, String next) {}

  /** The requested page size, or a 400 on {@code limit} when it is outside 1..max. */
  public static int limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw ApiException.badRequest("limit", "must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  /** The sequence number a page token stands for (null: the first page), or a 400. */
  public static Long before(String pageToken) {
    if (pageToken == null || pageToken.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(pageToken);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("page_token", "is not a token this API gave out");
    }
  }

  /**
   * The page out of {@code fetched}, which was read with {@code limit + 1} rows so that a further
   * page shows itself.
   */
  public static <T, V> Page<V> page(
      List<T> fetched, int limit, ToLongFunction<T> seq, Function<T, V> view) {
    List<T> rows = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    String next =
        fetched.size() > limit ? Long.toString(seq.applyAsLong(rows.get(limit - 1))) : null;
    return new Page<>(rows.stream().map(view).toList(), next);
  }
}
