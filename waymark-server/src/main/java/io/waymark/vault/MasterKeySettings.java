package io.waymark.vault;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from, first match wins: {@code masterKey} ({@code WAYMARK_MASTER_KEY},
 * 32 random bytes in base64), {@code masterKeyFile} (a file holding that text), or, when {@code
 * masterKeyGenerate} is on (the embedded default), {@code <data-dir>/master.key}, created on first
 * start. A deployment of several instances turns generation off and gives every instance the same
 * key (see decision 53).
 */
@ConfigurationProperties("waymark")
public record MasterKeySettings(
    @DefaultValue("") String masterKey,
    Path masterKeyFile,
    @DefaultValue("true") boolean masterKeyGenerate) {}
