// The viewer's choices (language, UTC or local time), kept in localStorage.
import { initialLanguage, type Language } from "./i18n";
import type { TimeMode } from "./format";

export interface Prefs {
  language: Language;
  timeMode: TimeMode;
}

const LANGUAGE = "waymark.language";
const TIME = "waymark.timeMode";

export function loadPrefs(storage: Pick<Storage, "getItem">, browserLanguages: readonly string[]): Prefs {
  const time = storage.getItem(TIME);
  return {
    language: initialLanguage(storage.getItem(LANGUAGE), browserLanguages),
    timeMode: time === "utc" || time === "local" ? time : "local",
  };
}

export function savePrefs(storage: Pick<Storage, "setItem">, prefs: Prefs) {
  storage.setItem(LANGUAGE, prefs.language);
  storage.setItem(TIME, prefs.timeMode);
}
