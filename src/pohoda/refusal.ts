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

/** Why POHODA refused a whole pack. */
export type Refusal =
  /** An item POHODA cannot read or validate; `advice` says what to look for in it. */
  | { kind: "content"; advice: string }
  /** The target: every pack would be refused alike; `hint` says what the user can do. */
  | { kind: "target"; hint: string }
  /** A note spojka does not know. */
  | { kind: "unknown" };

const WAIT = "The items wait in the outbox and are sent again on the next run.";

/**
 * Whole words or phrases, case-insensitive: no letter or digit may touch either end. (`\b` knows
 * only ASCII letters, so it would let "ČO" match inside "IČO".)
 */
function phrase(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

interface Rule {
  pattern: RegExp;
  refusal: Refusal;
}

// Czech and Slovak texts of POHODA's package errors 551–557 are official
// (stormware.cz and stormware.sk, /pohoda/xml/podrobnosti/); the others are marked where they come from.
const RULES: readonly Rule[] = [
  {
    // 555. A real answer (POHODA 13503.4) spells it "oprávnen", without the háček.
    pattern: phrase("není oprávn[eě]n importovat XML", "nie je oprávnený importovať XML"),
    refusal: {
      kind: "target",
      hint: "Give the POHODA user the right to import XML (Přístupová práva → Práva → Soubor/Databáze). " +
        WAIT,
    },
  },
  {
    // 554
    pattern: phrase("Nepodařilo se přihlásit uživatele", "Nepodarilo sa prihlásiť užívateľa"),
    refusal: {
      kind: "target",
      hint: "Check the POHODA user name and password (run spojka init to change them). " + WAIT,
    },
  },
  {
    // 552
    pattern: phrase("převod účetní jednotky", "prevod účtovnej jednotky"),
    refusal: {
      kind: "target",
      hint: "Open the accounting unit in POHODA and let it convert the unit to the current version. " + WAIT,
    },
  },
  {
    // 553
    pattern: phrase("Nepodařilo se otevřít databázový soubor", "Nepodarilo sa otvoriť databázový súbor"),
    refusal: {
      kind: "target",
      hint: "POHODA cannot open the accounting unit's database: open the unit in POHODA to see why. " + WAIT,
    },
  },
  {
    // 551
    pattern: phrase("Nepodařilo se najít konfigurační soubor", "Nepodarilo sa nájsť konfiguračný súbor"),
    refusal: {
      kind: "target",
      hint:
        "Check the mServer configuration in POHODA (Soubor → Účetní jednotky → Databáze → POHODA mServer). " +
        WAIT,
    },
  },
  {
    // 556: POHODA itself says to try again.
    pattern: phrase("Chyba průběhu zpracování", "Chyba priebehu spracovania"),
    refusal: {
      kind: "target",
      hint: "POHODA failed while processing; if this repeats on later runs, contact STORMWARE's support. " +
        WAIT,
    },
  },
  {
    // 557
    pattern: phrase("Vypršel čas pro provedení aktivace", "Vypršal čas na vykonanie aktivácie"),
    refusal: {
      kind: "target",
      hint: "Start POHODA and activate it: its activation period has run out. " + WAIT,
    },
  },
  {
    // A pack for another unit. The wording is [unverified]: the mServer emulator's texts name the
    // unit's IČO or key ("IČO v XML se neshoduje s IČO účetní jednotky."). Whole words only, so a
    // partner's "IČ DPH" or "DIČ" in a note does not count.
    pattern: phrase("(?:IČO|klíč|kľúč)(?:[^.]*?)(?:účetní jednotk[yaě]|účtovnej jednotky)"),
    refusal: {
      kind: "target",
      hint: "Check [pohoda] ico, and that [pohoda] url points to the mServer of this company and year. " +
        WAIT,
    },
  },
  {
    // A pack that is not well-formed XML: the mServer emulator's wording with libxml2's reason, as
    // for a byte windows-1250 leaves undefined ("XML dokument není správně utvořen: Invalid bytes
    // in character encoding"). What real mServer writes then is [unverified].
    pattern: phrase("není správně utvořen", "Invalid bytes in character encoding"),
    refusal: {
      kind: "content",
      advice: "Its text holds a character POHODA cannot read (a control character, or one windows-1250 " +
        "leaves undefined): correct it in FLOWii.",
    },
  },
  {
    // The XML does not match the schema; seen in one client (reference §15).
    pattern: phrase("Nepodařila se validace dokumentu podle schématu"),
    refusal: {
      kind: "content",
      advice: "Its XML does not match POHODA's schema; POHODA's note names the element.",
    },
  },
];

/** Reads POHODA's note on a refused pack. */
export function classifyRefusal(note: string): Refusal {
  return RULES.find((rule) => rule.pattern.test(note))?.refusal ?? { kind: "unknown" };
}

/** What the user can do about a refusal that ended the posting. */
export function refusalHint(note: string): string {
  const refusal = classifyRefusal(note);
  return refusal.kind === "target"
    ? refusal.hint
    : `${WAIT} POHODA's answer is kept in the responses folder.`;
}

/** The reason an item fails when POHODA refuses every pack that holds it. */
export function isolatedReason(note: string): string {
  const refusal = classifyRefusal(note);
  const advice = refusal.kind === "content" ? ` ${refusal.advice}` : "";
  return `POHODA refuses any pack that holds it: “${note}”.${advice}`;
}
