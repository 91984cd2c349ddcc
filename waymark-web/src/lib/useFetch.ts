import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api";

export interface Fetched<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `key`; `load` gets an AbortSignal so a stale answer is dropped. */
export function useFetch<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: key !== null,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(abort.signal)
      .then((data) => !abort.signal.aborted && setState({ data, error: null, loading: false }))
      .catch((e) => {
        if (abort.signal.aborted) return;
        setState({ data: null, error: e instanceof ApiError ? e : new ApiError(0, String(e)), loading: false });
      });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
