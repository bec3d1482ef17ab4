/**
 * What POHODA means when it refuses a whole pack (`responsePack@state="error"` without items), read
 * from its note: the pack's content (some item POHODA cannot read: the post stage isolates it) or
 * the target itself (rights, the accounting unit, activation: every pack is refused alike until the
 * user acts).
 *
 * Notes are matched as whole words of POHODA's own texts, never by fragments: "správně" (correctly)
 * contains "práv" (rights), and a loose match once told users to fix their rights when a document
 * held a bad character.
 *
 * @module
 */

import { type Catalogue, m, quote } from "../i18n/mod.ts";

/** Why POHODA refused a whole pack. */
export type Refusal =
  /** An item POHODA cannot read or validate; `advice` says what to look for in it. */
  | { kind: "content"; advice: string }
  /** The target: every pack would be refused alike; `hint` says what the user can do. */
  | { kind: "target"; hint: string }
  /** A note spojka does not know. */
  | { kind: "unknown" };

/** What a rule knows: the catalogue's hint or advice, looked up when a refusal is read (in the run's language). */
type Known =
  | { kind: "content"; advice: keyof Catalogue["refusal"]["advice"] }
  | { kind: "target"; hint: keyof Catalogue["refusal"]["hint"] };

/**
 * Whole words or phrases, case-insensitive: no letter or digit may touch either end. (`\b` knows
 * only ASCII letters, so it would let "ČO" match inside "IČO".)
 */
function phrase(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

interface Rule {
  pattern: RegExp;
  refusal: Known;
}

// Czech and Slovak texts of POHODA's package errors 551–557 are official
// (stormware.cz and stormware.sk, /pohoda/xml/podrobnosti/); the others are marked where they come from.
const RULES: readonly Rule[] = [
  {
    // 555. A real answer (POHODA 13503.4) spells it "oprávnen", without the háček.
    pattern: phrase("není oprávn[eě]n importovat XML", "nie je oprávnený importovať XML"),
    refusal: { kind: "target", hint: "rights" },
  },
  {
    // 554
    pattern: phrase("Nepodařilo se přihlásit uživatele", "Nepodarilo sa prihlásiť užívateľa"),
    refusal: { kind: "target", hint: "login" },
  },
  {
    // 552
    pattern: phrase("převod účetní jednotky", "prevod účtovnej jednotky"),
    refusal: { kind: "target", hint: "convert" },
  },
  {
    // 553
    pattern: phrase("Nepodařilo se otevřít databázový soubor", "Nepodarilo sa otvoriť databázový súbor"),
    refusal: { kind: "target", hint: "database" },
  },
  {
    // 551
    pattern: phrase("Nepodařilo se najít konfigurační soubor", "Nepodarilo sa nájsť konfiguračný súbor"),
    refusal: { kind: "target", hint: "config" },
  },
  {
    // 556: POHODA itself says to try again.
    pattern: phrase("Chyba průběhu zpracování", "Chyba priebehu spracovania"),
    refusal: { kind: "target", hint: "processing" },
  },
  {
    // 557
    pattern: phrase("Vypršel čas pro provedení aktivace", "Vypršal čas na vykonanie aktivácie"),
    refusal: { kind: "target", hint: "activation" },
  },
  {
    // A pack for another unit. The wording is [unverified]: the mServer emulator's texts name the
    // unit's IČO or key ("IČO v XML se neshoduje s IČO účetní jednotky."). Whole words only, so a
    // partner's "IČ DPH" or "DIČ" in a note does not count.
    pattern: phrase("(?:IČO|klíč|kľúč)(?:[^.]*?)(?:účetní jednotk[yaě]|účtovnej jednotky)"),
    refusal: { kind: "target", hint: "ico" },
  },
  {
    // A pack that is not well-formed XML: the mServer emulator's wording with libxml2's reason, as
    // for a byte windows-1250 leaves undefined ("XML dokument není správně utvořen: Invalid bytes
    // in character encoding"). What real mServer writes then is [unverified].
    pattern: phrase("není správně utvořen", "Invalid bytes in character encoding"),
    refusal: { kind: "content", advice: "badCharacter" },
  },
  {
    // The XML does not match the schema; seen in one client (reference §15).
    pattern: phrase("Nepodařila se validace dokumentu podle schématu"),
    refusal: { kind: "content", advice: "schema" },
  },
];

/** Reads POHODA's note on a refused pack. */
export function classifyRefusal(note: string): Refusal {
  const known = RULES.find((rule) => rule.pattern.test(note))?.refusal;
  if (!known) return { kind: "unknown" };
  return known.kind === "target"
    ? { kind: "target", hint: `${m.refusal.hint[known.hint]} ${m.refusal.wait}` }
    : { kind: "content", advice: m.refusal.advice[known.advice] };
}

/** What the user can do about a refusal that ended the posting. */
export function refusalHint(note: string): string {
  const refusal = classifyRefusal(note);
  return refusal.kind === "target" ? refusal.hint : `${m.refusal.wait} ${m.refusal.answerKept}`;
}

/** The reason an item fails when POHODA refuses every pack that holds it. */
export function isolatedReason(note: string): string {
  const refusal = classifyRefusal(note);
  const advice = refusal.kind === "content" ? ` ${refusal.advice}` : "";
  return `${m.refusal.isolated(quote(note))}${advice}`;
}
