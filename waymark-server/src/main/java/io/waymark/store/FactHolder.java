package io.waymark.store;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;

/** The rows of one user-keyed fact table (transactions, support tickets) for erasure. */
final class FactHolder implements PersonalDataHolder {

  private final FactStore facts;
  private final FactStore.FactTable table;

  FactHolder(FactStore facts, FactStore.FactTable table) {
    this.facts = facts;
    this.table = table;
  }

  @Override
  public String holderName() {
    return "store." + table.table;
  }

  @Override
  public long count(ErasureSubject subject) {
    return facts.countByUser(table, subject.identities());
  }

  @Override
  public long erase(ErasureSubject subject) {
    return facts.deleteByUser(table, subject.identities());
  }
}
