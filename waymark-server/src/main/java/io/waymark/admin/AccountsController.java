package io.waymark.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts of people who log in, and their roles (admin only). */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
class AccountsController {

  private final Accounts accounts;

  AccountsController(Accounts accounts) {
    this.accounts = accounts;
  }

  /** An account as the API shows it (never the password or its hash). */
  record AccountView(String id, String username, String role, boolean disabled, Instant createdAt) {
    static AccountView of(Accounts.Summary a) {
      return new AccountView(a.id(), a.username(), a.role().apiName(), a.disabled(), a.createdAt());
    }
  }

  /** All accounts, by username. */
  record AccountList(List<AccountView> items) {}

  /** A new account: username, initial password, role (viewer, analyst, admin). */
  record NewAccount(String username, String password, String role) {}

  /** What to change; absent fields stay as they are. */
  record AccountChange(String role, Boolean disabled, String password) {}

  @Operation(summary = "List accounts (admin)")
  @GetMapping
  AccountList list() {
    return new AccountList(accounts.list().stream().map(AccountView::of).toList());
  }

  @Operation(
      summary = "Create an account (admin)",
      description =
          "username: 3-64 letters, digits, '.', '_', '@', '-'; password: 10-200 characters;"
              + " role: viewer, analyst or admin. 400 lists every broken field; 409 when the"
              + " username is taken.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  synchronized AccountView create(@RequestBody NewAccount a) {
    new Problems().username(a.username()).password(a.password()).accountRole(a.role()).throwIfAny();
    if (accounts.find(a.username()).isPresent()) {
      throw ApiException.conflict("username", "is taken; choose another");
    }
    Accounts.Account created =
        accounts.create(a.username(), a.password(), Role.parse(a.role()).orElseThrow());
    return AccountView.of(accounts.byId(created.id()).orElseThrow());
  }

  @Operation(
      summary = "Change an account's role, disable or enable it, or set its password (admin)",
      description =
          "409 when the change would leave no enabled admin. A disabled account's sessions end"
              + " at its next request.")
  @PatchMapping("/{id}")
  synchronized AccountView change(@PathVariable String id, @RequestBody AccountChange c) {
    Accounts.Summary current =
        accounts
            .byId(id)
            .orElseThrow(() -> ApiException.notFound("id", "no account " + id + "; list them"));
    Problems p =
        new Problems()
            .check(
                c.role() == null && c.disabled() == null && c.password() == null,
                "body",
                "name at least one of role, disabled, password");
    if (c.role() != null) {
      p.accountRole(c.role());
    }
    if (c.password() != null) {
      p.password(c.password());
    }
    p.throwIfAny();
    Role role = c.role() == null ? current.role() : Role.parse(c.role()).orElseThrow();
    boolean disabled = c.disabled() == null ? current.disabled() : c.disabled();
    boolean losesAdmin =
        current.role() == Role.ADMIN && !current.disabled() && (role != Role.ADMIN || disabled);
    if (losesAdmin && accounts.enabledAdmins() <= 1) {
      throw ApiException.conflict(
          role != Role.ADMIN ? "role" : "disabled",
          "this is the last enabled admin; make another account admin first");
    }
    accounts.setRole(id, role);
    accounts.setDisabled(id, disabled);
    if (c.password() != null) {
      accounts.setPassword(id, c.password());
    }
    return AccountView.of(accounts.byId(id).orElseThrow());
  }
}
