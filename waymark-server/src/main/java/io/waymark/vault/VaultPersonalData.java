package io.waymark.vault;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;

/**
 * The subject keys: destroying them is what makes everything Waymark wrote about a person to Kafka
 * (events, quarantine, sessions, alerts, the stream's changelog) and to the stream's local state
 * unreadable, without rewriting any of it.
 */
final class VaultPersonalData implements PersonalDataHolder {

  private final SubjectVault vault;

  VaultPersonalData(SubjectVault vault) {
    this.vault = vault;
  }

  @Override
  public String holderName() {
    return "vault.subject_keys";
  }

  @Override
  public long count(ErasureSubject subject) {
    return subject.identities().stream().filter(vault::holds).count();
  }

  @Override
  public long erase(ErasureSubject subject) {
    return subject.identities().stream().filter(vault::destroy).count();
  }

  @Override
  public Phase phase() {
    return Phase.KEYS;
  }
}
