package io.waymark.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection whose {@code prepareStatement(sql)} hands out one cached statement per SQL text,
 * whose {@code close()} only clears its parameters. DuckDB spends milliseconds planning a
 * statement, far more than an indexed lookup takes, and the customer store runs a dozen small
 * lookups per customer; callers keep the usual try-with-resources. Not thread-safe: the customer
 * store serialises its calls.
 */
final class CachedStatements {

  private CachedStatements() {}

  static Connection wrap(Connection conn) {
    Map<String, PreparedStatement> cache = new HashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement")
              && args != null
              && args.length == 1
              && args[0] instanceof String sql) {
            return cache.computeIfAbsent(sql, s -> reusable(prepare(conn, s)));
          }
          if (method.getName().equals("close")) {
            for (PreparedStatement ps : cache.values()) {
              ps.unwrap(PreparedStatement.class).close();
            }
            cache.clear();
          }
          return invoke(conn, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static PreparedStatement prepare(Connection conn, String sql) {
    try {
      return conn.prepareStatement(sql);
    } catch (java.sql.SQLException e) {
      throw new StoreException("cannot prepare " + sql + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement reusable(PreparedStatement ps) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "close" -> {
                ps.clearParameters();
                yield null;
              }
              case "unwrap" -> ps;
              default -> invoke(ps, method, args);
            };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
