import { useEffect, useReducer } from "react";
import { addPushed, type Alert } from "./alerts";

export type StreamState = "connecting" | "open" | "lost";

export interface Pushed {
  alerts: Alert[];
  state: StreamState;
  /** Counts reconnections, so a list can reload what it may have missed meanwhile. */
  reconnects: number;
}

export type StreamAction = { type: "alert"; alert: Alert } | { type: "open" } | { type: "lost" };

/** What the stream has brought: each alert once, and whether (and how often) it reconnected. */
export function streamReducer(s: Pushed, a: StreamAction): Pushed {
  switch (a.type) {
    case "alert":
      return { ...s, alerts: addPushed(s.alerts, a.alert) };
    case "open":
      return { ...s, state: "open", reconnects: s.state === "lost" ? s.reconnects + 1 : s.reconnects };
    case "lost":
      return { ...s, state: "lost" };
  }
}

/**
 * A refused stream (429 when the account holds its most streams, 503 when the server does) is
 * CLOSED for good by EventSource, which retries only streams that ended; try again after this.
 */
export const REOPEN_AFTER_MS = 30_000;

/**
 * Alerts pushed by the server (event name "alert") since the page opened. The browser reconnects by
 * itself when the server ends a stream (its timeout, a restart); a refused stream is reopened after
 * {@link REOPEN_AFTER_MS}.
 */
export function useAlertStream(): Pushed {
  const [state, dispatch] = useReducer(streamReducer, { alerts: [], state: "connecting", reconnects: 0 });
  useEffect(() => {
    let s: EventSource | null = null;
    let reopen: number | undefined;
    const open = () => {
      s = new EventSource("/api/v1/alerts/stream");
      s.onopen = () => dispatch({ type: "open" });
      s.onerror = () => {
        dispatch({ type: "lost" });
        if (s?.readyState === EventSource.CLOSED && reopen === undefined) {
          reopen = window.setTimeout(() => {
            reopen = undefined;
            open();
          }, REOPEN_AFTER_MS);
        }
      };
      s.addEventListener("alert", (e) => {
        try {
          dispatch({ type: "alert", alert: JSON.parse((e as MessageEvent).data) });
        } catch {
          // not an alert: ignore it rather than break the page
        }
      });
    };
    open();
    return () => {
      if (reopen !== undefined) window.clearTimeout(reopen);
      s?.close();
    };
  }, []);
  return state;
}
