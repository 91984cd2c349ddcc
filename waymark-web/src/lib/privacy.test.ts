import { describe, expect, it } from "vitest";
import { translate, type MessageKey } from "./i18n";
import { erasePath, erasuresPath, isOpen, MAX_USER_ID, placeKey, statusBadge, summarise, validateErase, type ErasureReport } from "./privacy";

const report = (holders: [string, number, number, number][], verified = true): ErasureReport => ({
  identities: 2,
  holders: holders.map(([name, found, deleted, remaining]) => ({ name, found, deleted, remaining })),
  suppressed: false,
  verified,
  log: "crypto-shredding: …",
});

describe("erasure status", () => {
  it("keeps asking only while a request is pending or running", () => {
    expect(isOpen("pending")).toBe(true);
    expect(isOpen("running")).toBe(true);
    expect(isOpen("completed")).toBe(false);
    expect(isOpen("failed")).toBe(false);
  });

  it("shows done as good, failed as bad, and the moving states apart", () => {
    expect(statusBadge("completed")).toBe("badge-good");
    expect(statusBadge("failed")).toBe("badge-bad");
    expect(statusBadge("running")).toBe("badge-running");
    expect(statusBadge("pending")).toBe("badge-pending");
    expect(statusBadge("something-new")).toBe("badge-muted");
  });
});

describe("verification report", () => {
  it("adds up every place and is clean when verified and nothing remains", () => {
    const s = summarise(report([["store.events", 7, 7, 0], ["alerts", 1, 1, 0], ["vault.subject_keys", 2, 2, 0]]));
    expect(s).toEqual({ found: 10, deleted: 10, remaining: 0, leftIn: [], clean: true });
  });

  it("names the places where something remains and is not clean", () => {
    const s = summarise(report([["store.events", 7, 5, 2], ["alerts", 1, 1, 0], ["store.sessions", 3, 2, 1]], false));
    expect(s.remaining).toBe(3);
    expect(s.leftIn).toEqual(["store.events", "store.sessions"]);
    expect(s.clean).toBe(false);
  });

  it("is not clean when the server did not verify, even if every count is zero", () => {
    expect(summarise(report([["store.events", 0, 0, 0]], false)).clean).toBe(false);
  });

  it("has words in both languages for the places it knows and none for new ones", () => {
    for (const name of ["store.events", "stream.user_state", "vault.subject_keys", "alerts"]) {
      const key = placeKey(name) as MessageKey;
      expect(key).not.toBeNull();
      expect(translate("en", key)).not.toBe(key);
      expect(translate("es", key)).not.toBe(translate("en", key));
    }
    expect(placeKey("store.support_tickets")).toBeNull();
  });
});

describe("erase form", () => {
  it("requires a user id of at most 256 characters, as the server does", () => {
    expect(validateErase({ userId: "", confirm: "" }, false).user_id).toBe("privacy.rule.userRequired");
    expect(validateErase({ userId: "   ", confirm: "" }, false).user_id).toBe("privacy.rule.userRequired");
    expect(validateErase({ userId: "x".repeat(MAX_USER_ID), confirm: "" }, false)).toEqual({});
    expect(validateErase({ userId: "x".repeat(MAX_USER_ID + 1), confirm: "" }, false).user_id).toBe("privacy.rule.userTooLong");
  });

  it("asks for the typed-again id only in the confirmation step, and exactly", () => {
    expect(validateErase({ userId: "ann", confirm: "" }, false)).toEqual({});
    expect(validateErase({ userId: "ann", confirm: "" }, true).confirm).toBe("privacy.rule.confirmMismatch");
    expect(validateErase({ userId: "ann", confirm: "Ann" }, true).confirm).toBe("privacy.rule.confirmMismatch");
    expect(validateErase({ userId: "ann", confirm: "ann " }, true).confirm).toBe("privacy.rule.confirmMismatch");
    expect(validateErase({ userId: "ann", confirm: "ann" }, true)).toEqual({});
  });

  it("puts the id in one path segment and the suppress choice in the query", () => {
    expect(erasePath("a/b c", true)).toBe("/api/v1/users/a%2Fb%20c?suppress=true");
    expect(erasePath("ann", false)).toBe("/api/v1/users/ann?suppress=false");
  });

  it("asks the audit log for an exact user and the page's cursor", () => {
    expect(erasuresPath("", undefined, 20)).toBe("/api/v1/privacy/erasures?limit=20");
    expect(erasuresPath(" ann ", "2026-03-02T12:00:00Z", 20)).toBe("/api/v1/privacy/erasures?user=ann&before=2026-03-02T12%3A00%3A00Z&limit=20");
  });
});
