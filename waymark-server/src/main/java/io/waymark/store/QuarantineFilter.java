package io.waymark.store;

/**
 * Which quarantined items to list: {@code source} matches as a prefix ({@code import:} finds every
 * import), {@code text} anywhere in the reason or the field errors (case-insensitive), and the
 * receive time in {@code [fromMillis, toMillis)}. Null parts do not filter.
 */
public record QuarantineFilter(String source, String text, Long fromMillis, Long toMillis) {

  public static final QuarantineFilter ALL = new QuarantineFilter(null, null, null, null);
}
