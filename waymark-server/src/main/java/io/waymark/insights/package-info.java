/**
 * Insights: KPIs for a chosen period and time zone (activity, top pages, products and searches, the
 * funnel, revenue and orders per day, new and returning people), served from the store's 15-minute
 * rollups ({@code GET /api/v1/insights}, {@code GET /api/v1/insights/report}).
 */
package io.waymark.insights;
