package io.waymark.store;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import java.util.Collections;
import java.util.List;

/** The per-user insight rollup ({@code insight_users}) as a holder of personal data. */
final class InsightUsersHolder implements PersonalDataHolder {

  private final DuckDbStore store;

  InsightUsersHolder(DuckDbStore store) {
    this.store = store;
  }

  @Override
  public String holderName() {
    return "store.insight_users";
  }

  @Override
  public long count(ErasureSubject subject) {
    List<String> ids = subject.identities();
    return store.query(
        "SELECT count(*) FROM insight_users WHERE user_key IN (" + marks(ids.size()) + ")",
        ps -> {
          for (int i = 0; i < ids.size(); i++) {
            ps.setString(i + 1, ids.get(i));
          }
        },
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }

  @Override
  public long erase(ErasureSubject subject) {
    List<String> ids = subject.identities();
    return store.update(
        "DELETE FROM insight_users WHERE user_key IN (" + marks(ids.size()) + ")", ids);
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
