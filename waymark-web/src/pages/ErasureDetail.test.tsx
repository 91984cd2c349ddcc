import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppProvider } from "../context";
import type { Erasure } from "../lib/privacy";
import { ErasureDetailPage } from "./ErasureDetail";

const request = (over: Partial<Erasure>): Erasure => ({
  id: "e1",
  user_id: "ann",
  user_pseudonym: "5f0c2a9e8d7b6a5f4e3d2c1b0a998877",
  status: "running",
  step: "resolving identities",
  attempts: 1,
  suppress: false,
  requested_by: "admin",
  requested_at: "2026-03-02T12:00:00Z",
  href: "/api/v1/privacy/erasures/e1",
  ...over,
});

const done = request({
  user_id: null,
  status: "completed",
  step: "done",
  finished_at: "2026-03-02T12:00:02Z",
  report: {
    identities: 1,
    holders: [{ name: "store.events", found: 7, deleted: 7, remaining: 0 }],
    suppressed: false,
    verified: true,
    log: "crypto-shredding",
  },
});

/** Answers the app's requests like the server would: who is logged in, then the erasure's states in turn. */
function server(states: Erasure[]) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string) => {
      asked.push(path);
      const body = path === "/api/v1/auth/me" ? { username: "admin", role: "admin", auth: "session" } : states[Math.min(asked.filter((p) => p.includes("/erasures/")).length - 1, states.length - 1)];
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return { erasureAsks: () => asked.filter((p) => p === "/api/v1/privacy/erasures/e1").length };
}

function show() {
  render(
    <MemoryRouter initialEntries={["/admin/privacy/e1"]}>
      <AppProvider>
        <Routes>
          <Route path="/admin/privacy/:id" element={<ErasureDetailPage />} />
        </Routes>
      </AppProvider>
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the erasure progress view", () => {
  it("asks every second while the request runs, shows the report when done, then stops asking", async () => {
    const s = server([request({}), request({ step: "2/8 erasing store.events" }), done]);
    show();
    expect(await screen.findByText("resolving identities")).toBeTruthy();
    expect(await screen.findByText("2/8 erasing store.events", undefined, { timeout: 2500 })).toBeTruthy();
    expect(await screen.findByText("Verified: nothing remains.", undefined, { timeout: 2500 })).toBeTruthy();
    // The id itself is erased too: the completed request names the user by pseudonym.
    expect(screen.getByTestId("erasure-user").textContent).toBe("5f0c2a9e8d7b6a5f4e3d2c1b0a998877 pseudonym");
    expect(s.erasureAsks()).toBe(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.erasureAsks()).toBe(3);
  });

  it("offers Retry for a failed request and shows its error", async () => {
    server([request({ status: "failed", step: "failed", error: "the store sink did not finish its current batch" })]);
    show();
    expect(await screen.findByText("the store sink did not finish its current batch")).toBeTruthy();
    expect(screen.getByTestId("retry-erasure").textContent).toBe("Retry");
    expect(screen.queryByTestId("erasure-live")).toBeNull();
  });
});
