/** Accounts, roles, API keys and the credentials created on first start. */
package io.waymark.admin;
