package io.waymark.store.clickhouse;

import io.waymark.store.StoreException;

/**
 * ClickHouse answered a request with an error; {@code code} is ClickHouse's error code (0 when the
 * answer carried none, e.g. a proxy's page), {@code status} the HTTP status.
 */
public final class ClickHouseException extends StoreException {

  /** ClickHouse's codes for a refused account: unknown user, wrong password, and later ones. */
  static final java.util.Set<Integer> AUTHENTICATION_CODES = java.util.Set.of(192, 193, 195, 516);

  private final int code;
  private final int status;

  ClickHouseException(String message, int code, int status) {
    super(message);
    this.code = code;
    this.status = status;
  }

  public int code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** Whether ClickHouse refused the account (user, password or the address it came from). */
  public boolean authentication() {
    return AUTHENTICATION_CODES.contains(code) || status == 401 || status == 403;
  }
}
