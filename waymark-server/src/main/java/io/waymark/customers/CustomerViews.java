package io.waymark.customers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The API's shapes of a customer version and of a customer's history. */
final class CustomerViews {

  private CustomerViews() {}

  /** One version of a customer profile; {@code profile} holds the tracked attributes. */
  record CustomerView(
      String customerId,
      int version,
      Instant validFrom,
      Instant validTo,
      boolean current,
      Instant checkedAt,
      Map<String, Object> profile) {
    static CustomerView of(CustomerVersion v) {
      return new CustomerView(
          v.customerId(),
          v.version(),
          v.validFrom(),
          v.validTo(),
          v.current(),
          v.checkedAt(),
          v.profile().attributes());
    }
  }

  /** A version in a history, with the attributes that changed from the version before it. */
  record HistoryEntry(
      int version,
      Instant validFrom,
      Instant validTo,
      boolean current,
      List<String> changed,
      Map<String, Object> profile) {}

  /** All versions of a customer, newest first. */
  record History(String customerId, List<HistoryEntry> items) {
    static History of(String customerId, List<CustomerVersion> newestFirst) {
      List<HistoryEntry> items = new ArrayList<>(newestFirst.size());
      for (int i = 0; i < newestFirst.size(); i++) {
        CustomerVersion v = newestFirst.get(i);
        List<String> changed =
            i + 1 < newestFirst.size()
                ? v.profile().changedFrom(newestFirst.get(i + 1).profile())
                : List.of();
        items.add(
            new HistoryEntry(
                v.version(),
                v.validFrom(),
                v.validTo(),
                v.current(),
                changed,
                v.profile().attributes()));
      }
      return new History(customerId, items);
    }
  }
}
