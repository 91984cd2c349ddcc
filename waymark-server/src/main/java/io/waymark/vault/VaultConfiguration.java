package io.waymark.vault;

import io.waymark.platform.DataDirectory;
import io.waymark.privacy.PersonalDataHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the subject key vault under {@code <data-dir>/vault}, and loads the master key. */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

  @Bean(destroyMethod = "close")
  SubjectVault subjectVault(DataDirectory dataDirectory) {
    return SubjectVault.open(dataDirectory.resolve("vault"));
  }

  /** Encrypts the secrets kept in the metadata database (decision 53). */
  @Bean
  MasterKey masterKey(MasterKeySettings settings, DataDirectory dataDirectory) {
    return MasterKey.load(settings, dataDirectory);
  }

  @Bean
  PersonalDataHolder vaultData(SubjectVault vault) {
    return new VaultPersonalData(vault);
  }

  @Bean
  Suppressions suppressions(DataDirectory dataDirectory) {
    return new Suppressions(dataDirectory.resolve("vault"));
  }
}
