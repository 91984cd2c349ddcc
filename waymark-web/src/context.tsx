import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setCsrfToken, setUnauthorizedHandler } from "./lib/api";
import * as fmt from "./lib/format";
import { locales, translate, type Language, type MessageKey } from "./lib/i18n";
import { loadPrefs, savePrefs, type Prefs } from "./lib/prefs";
import type { Role } from "./lib/roles";

export interface Me {
  username: string;
  role: Role;
  auth: "session" | "basic" | "api_key";
  csrf_token?: string;
}

interface AppContext {
  prefs: Prefs;
  setPrefs: (p: Prefs) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  locale: string;
  dateTime: (v: string | number | Date) => string;
  date: (v: string | number | Date) => string;
  time: (v: string | number | Date) => string;
  clock: (v: string | number | Date) => string;
  number: (n: number) => string;
  duration: (s: number) => string;
  money: (amount: number, currency: string) => string;
  me: Me | null | undefined; // undefined while asking the server
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const Ctx = createContext<AppContext | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [prefs, setPrefsState] = useState<Prefs>(() => loadPrefs(localStorage, navigator.languages ?? [navigator.language]));
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const setPrefs = useCallback((p: Prefs) => {
    savePrefs(localStorage, p);
    setPrefsState(p);
  }, []);

  useEffect(() => {
    document.documentElement.lang = prefs.language;
  }, [prefs.language]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setMe(null);
    });
    api
      .get<Me>("/api/v1/auth/me")
      .then((m) => {
        setCsrfToken(m.csrf_token ?? null);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const m = await api.post<Me>("/api/v1/auth/login", { username, password });
    setCsrfToken(m.csrf_token ?? null);
    setMe(m);
    return m;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post("/api/v1/auth/logout");
    } finally {
      setCsrfToken(null);
      setMe(null);
    }
  }, []);

  const value = useMemo<AppContext>(() => {
    const locale = locales[prefs.language];
    const mode = prefs.timeMode;
    return {
      prefs,
      setPrefs,
      t: (key, params) => translate(prefs.language, key, params),
      locale,
      dateTime: (v) => fmt.formatDateTime(v, locale, mode),
      date: (v) => fmt.formatDate(v, locale, mode),
      time: (v) => fmt.formatTime(v, locale, mode),
      clock: (v) => fmt.formatClock(v, locale, mode),
      number: (n) => fmt.formatNumber(n, locale),
      duration: (s) => fmt.formatDuration(s, locale),
      money: (a, c) => fmt.formatMoney(a, c, locale),
      me,
      login,
      logout,
    };
  }, [prefs, setPrefs, me, login, logout]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error("useApp outside AppProvider");
  return c;
}

export type { Language };
