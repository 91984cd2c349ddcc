/**
 * Customers: the unified customer profile (clickstream, transactions, support, catalogue, identity
 * and segments) kept as a slowly changing dimension type 2 and served by {@code /api/v1/customers}.
 */
package io.waymark.customers;
