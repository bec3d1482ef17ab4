/**
 * The message catalogue in the language of this run. Every user-facing text comes from `m`, a live
 * binding that {@linkcode setLanguage} switches once, before the command line is built.
 *
 * @module
 */

import type { Language } from "./choose.ts";
import { cs } from "./cs.ts";
import { type Catalogue, en } from "./en.ts";
import { sk } from "./sk.ts";

export type { Catalogue } from "./en.ts";
export type { Language } from "./choose.ts";

/** Every catalogue by its language. */
export const CATALOGUES: Record<Language, Catalogue> = { cs, sk, en };

/** The messages of the current language (English until {@linkcode setLanguage} says otherwise). */
export let m: Catalogue = en;
let current: Language = "en";

/** Speaks `language` from now on. */
export function setLanguage(language: Language): void {
  m = CATALOGUES[language];
  current = language;
}

/** The current language. */
export function language(): Language {
  return current;
}

/** An agenda (or document type) under the name POHODA's menus give it, else as it is. */
export function agendaName(agenda: string): string {
  return m.agenda[agenda] ?? agenda;
}

/** What happened to an item, in words. */
export function outcomeName(outcome: string): string {
  return m.outcome[outcome] ?? outcome.replaceAll("_", " ");
}

/**
 * `text` in the language's quotation marks, without its own final full stop: the sentence it is
 * quoted in has one (`“…incorrect.”.` reads as a glitch).
 */
export function quote(text: string): string {
  return m.quote(text.trim().replace(/(?<!\.)\.$/, ""));
}
