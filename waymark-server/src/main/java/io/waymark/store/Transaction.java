package io.waymark.store;

import java.math.BigDecimal;

/** One imported payment attempt, a row of {@code transactions}; times are epoch milliseconds. */
public record Transaction(
    String transactionId,
    String orderId,
    String userId,
    long timestamp,
    String status,
    BigDecimal amount,
    String currency,
    String paymentMethod,
    String items) {}
