import { describe, expect, it } from "vitest";
import { translate } from "./i18n";
import { shownCommit } from "./system";

describe("the footer's version", () => {
  it("shows the short commit, marked when the build had uncommitted changes", () => {
    expect(shownCommit({ version: "0.1.0", commit: "b8b26be", dirty: false })).toBe("b8b26be");
    expect(shownCommit({ version: "0.1.0", commit: "b8b26be", dirty: true })).toBe("b8b26be+");
    expect(shownCommit({ version: "0.1.0", commit: "b8b26be0f354b6ed7bee6ab5", dirty: false })).toBe("b8b26be0f354");
  });

  it("reads in both languages", () => {
    expect(translate("en", "footer.version", { version: "0.1.0", commit: "b8b26be" })).toBe("Waymark version 0.1.0 · commit b8b26be");
    expect(translate("es", "footer.version", { version: "0.1.0", commit: "b8b26be" })).toBe("Waymark versión 0.1.0 · commit b8b26be");
  });
});
