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

/** Alerts pushed by the server (event name "alert") since the page opened; the browser reconnects by itself. */
export function useAlertStream(): Pushed {
  const [state, dispatch] = useReducer(streamReducer, { alerts: [], state: "connecting", reconnects: 0 });
  useEffect(() => {
    const s = new EventSource("/api/v1/alerts/stream");
    s.onopen = () => dispatch({ type: "open" });
    s.onerror = () => dispatch({ type: "lost" });
    s.addEventListener("alert", (e) => {
      try {
        dispatch({ type: "alert", alert: JSON.parse((e as MessageEvent).data) });
      } catch {
        // not an alert: ignore it rather than break the page
      }
    });
    return () => s.close();
  }, []);
  return state;
}
