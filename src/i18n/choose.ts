/**
 * Which language spojka speaks: `--lang`, else `language` in config.toml, else the system locale,
 * else English. Pure, so every source of the choice is tested without touching the process.
 *
 * @module
 */

import { parse } from "smol-toml";

/** The languages of the message catalogue. */
export const LANGUAGES = ["cs", "sk", "en"] as const;

/** One of {@linkcode LANGUAGES}. */
export type Language = typeof LANGUAGES[number];

/** Whether `value` names a language of the catalogue. */
export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Where the language may come from, strongest first. */
export interface LanguageSources {
  /** `--lang`, already checked with {@linkcode isLanguage}. */
  option?: Language;
  /** `language` in config.toml, if the file says one. */
  config?: Language;
  /** Reads an environment variable. */
  env: (name: string) => string | undefined;
  /**
   * On Windows, the display language the registry names (src/i18n/windows_ui.ts): asked only when
   * nothing before it decides, since reading it costs a process or two.
   */
  uiLanguage?: () => Promise<string | undefined>;
  /**
   * The locale the runtime's ICU reports (`Intl.DateTimeFormat().resolvedOptions().locale`); on
   * Windows, where the POSIX variables are not set, it is the user's regional format.
   */
  intlLocale?: string;
}

/**
 * The language to speak. POSIX order: the first non-empty of LC_ALL, LC_MESSAGES and LANG decides,
 * so `LANG=C` means English even when the runtime's locale says otherwise; where none is set, the
 * display language, then the runtime's locale.
 */
export async function chooseLanguage(sources: LanguageSources): Promise<Language> {
  if (sources.option) return sources.option;
  if (sources.config) return sources.config;
  const locale = posixLocale(sources.env) ?? await sources.uiLanguage?.() ?? sources.intlLocale ?? "";
  return localeLanguage(locale) ?? "en";
}

/** The locale POSIX says messages are in: the first non-empty of LC_ALL, LC_MESSAGES and LANG. */
export function posixLocale(env: (name: string) => string | undefined): string | undefined {
  return ["LC_ALL", "LC_MESSAGES", "LANG"].map(env).find((v) => v !== undefined && v !== "");
}

/** `cs_CZ.UTF-8`, `sk-SK`, `cs` → its language; `en_US`, `C`, `POSIX` → English; unknown → undefined. */
export function localeLanguage(locale: string): Language | undefined {
  const code = /^([a-zA-Z]{2,3})(?:[-_.@]|$)/.exec(locale)?.[1]?.toLowerCase();
  if (code === undefined) return locale === "C" || locale === "POSIX" ? "en" : undefined;
  return isLanguage(code) ? code : "en";
}

/**
 * `language` of a config.toml text, read before the file is validated, so that its errors are told
 * in that language too; anything unreadable means no choice.
 */
export function configLanguage(text: string): Language | undefined {
  try {
    const language = (parse(text) as { language?: unknown }).language;
    return isLanguage(language) ? language : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value of the global option `name` (`--lang cs` or `--lang=cs`) in `args`, before any `--`:
 * the language must be known before the command line is parsed, since its help is in it.
 */
export function optionValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") return undefined;
    if (args[i] === name) return args[i + 1] ?? "";
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}
