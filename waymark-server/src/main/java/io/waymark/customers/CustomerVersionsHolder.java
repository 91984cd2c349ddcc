package io.waymark.customers;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.store.CustomerStore;

/** Profile versions are personal data: erasure deletes every version of every identity. */
final class CustomerVersionsHolder implements PersonalDataHolder {

  private final CustomerStore store;

  CustomerVersionsHolder(CustomerStore store) {
    this.store = store;
  }

  @Override
  public String holderName() {
    return "customers.versions";
  }

  @Override
  public long count(ErasureSubject subject) {
    return store.countVersions(subject.identities());
  }

  @Override
  public long erase(ErasureSubject subject) {
    return store.deleteVersions(subject.identities());
  }
}
