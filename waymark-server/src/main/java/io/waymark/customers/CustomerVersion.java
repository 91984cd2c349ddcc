package io.waymark.customers;

import java.time.Instant;

/**
 * One SCD2 version of a customer profile: valid in {@code [validFrom, validTo)} (validTo null while
 * current), numbered from 1.
 */
public record CustomerVersion(
    String customerId,
    int version,
    Instant validFrom,
    Instant validTo,
    boolean current,
    CustomerProfile profile,
    String attributesHash,
    Instant checkedAt) {}
