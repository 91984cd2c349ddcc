package io.waymark.generator.shop;

/** A page of the shop: its absolute URL and its human name. */
public record Page(String url, String name) {}
