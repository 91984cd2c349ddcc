package io.waymark.generator.files;

import java.math.BigDecimal;
import java.time.Instant;

/** One payment attempt, a row of transactions.csv. */
record Transaction(
    String transactionId,
    String orderId,
    String userId,
    Instant timestamp,
    String status,
    BigDecimal amount,
    String currency,
    String paymentMethod,
    String items) {}
