package io.waymark.store;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;

/** One table of the analytical store as a holder of personal data, for erasures. */
final class StorePersonalData implements PersonalDataHolder {

  private final AnalyticalStore store;
  private final PersonalTable table;

  StorePersonalData(AnalyticalStore store, PersonalTable table) {
    this.store = store;
    this.table = table;
  }

  @Override
  public String holderName() {
    return "store." + table.table();
  }

  @Override
  public long count(ErasureSubject subject) {
    return store.countPersonal(table, subject.identities());
  }

  @Override
  public long erase(ErasureSubject subject) {
    return store.erasePersonal(table, subject.identities());
  }
}
