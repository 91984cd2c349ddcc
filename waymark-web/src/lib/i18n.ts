// The app's words in English and Spanish. Keys are checked by TypeScript: a key missing in
// Spanish fails the build, and the unit tests check the two catalogues match.
import { en } from "./messages.en";
import { es } from "./messages.es";

export type Language = "en" | "es";
export type MessageKey = keyof typeof en;
export const catalogues: Record<Language, Record<MessageKey, string>> = { en, es };

/** BCP 47 locale used for dates and numbers in each language. */
export const locales: Record<Language, string> = { en: "en-GB", es: "es-ES" };

/** The message for a key with {name} placeholders filled in. */
export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[lang][key] ?? catalogues.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The language to start with: the saved choice, else the browser's, else English. */
export function initialLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved === "en" || saved === "es") return saved;
  for (const l of browser) {
    const base = l.toLowerCase().split("-")[0];
    if (base === "es" || base === "en") return base;
  }
  return "en";
}
