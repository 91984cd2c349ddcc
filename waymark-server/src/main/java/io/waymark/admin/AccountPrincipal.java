package io.waymark.admin;

/** A person logged in through the web app's session: account id, username and current role. */
public record AccountPrincipal(String id, String username, Role role) {}
