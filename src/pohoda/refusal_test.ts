import { deepEqual, equal, match } from "node:assert/strict";
import { classifyRefusal, isolatedReason, refusalHint } from "./refusal.ts";
import { parseResponse } from "./response.ts";
import { ICO_MISMATCH_NOTE, SCHEMA_FAILURE_NOTE } from "../../tests/emulators/mserver/mod.ts";

const SAMPLES = new URL("../../../shared/pohoda-samples/", import.meta.url);

/** The note of a real refused pack, read the way spojka reads every answer. */
async function realNote(file: string): Promise<string> {
  const result = parseResponse(await Deno.readFile(new URL(file, SAMPLES)));
  if (result.kind !== "refused") throw new Error(`${file} is not a refused pack`);
  return result.note;
}

const hint = (note: string) => {
  const refusal = classifyRefusal(note);
  return refusal.kind === "target" ? refusal.hint : `(${refusal.kind})`;
};

Deno.test("the real answer to a user without the XML-import right asks for that right", async () => {
  const note = await realNote("vitex-response-xml-denied.cp1250.xml");
  equal(note, "Uživatel není oprávnen importovat XML soubory.");
  match(hint(note), /right to import XML \(Přístupová práva → Práva → Soubor\/Databáze\)/);
});

Deno.test("“správně” is not “práva”: a malformed pack is about its content, not the user's rights", () => {
  const note = "XML dokument není správně utvořen: Invalid bytes in character encoding";
  deepEqual(classifyRefusal(note).kind, "content");
  match(isolatedReason(note), /character POHODA cannot read .*correct it in FLOWii/);
  match(refusalHint(note), /^The items wait in the outbox/);
});

// POHODA's package errors, worded as stormware.cz and stormware.sk document them (/pohoda/xml/podrobnosti/).
const DOCUMENTED: [errno: number, czech: string, slovak: string, hint: RegExp][] = [
  [
    551,
    "Nepodařilo se najít konfigurační soubor",
    "Nepodarilo sa nájsť konfiguračný súbor",
    /mServer configuration in POHODA/,
  ],
  [
    552,
    "Pro zpracování je nutné nejdříve provést převod účetní jednotky",
    "Pre spracovanie je potrebné najskôr vykonať prevod účtovnej jednotky",
    /convert the unit to the current version/,
  ],
  [
    553,
    "Nepodařilo se otevřít databázový soubor",
    "Nepodarilo sa otvoriť databázový súbor",
    /cannot open the accounting unit's database/,
  ],
  [554, "Nepodařilo se přihlásit uživatele", "Nepodarilo sa prihlásiť užívateľa", /user name and password/],
  [
    555,
    "Uživatel není oprávněn importovat XML soubory",
    "Užívateľ nie je oprávnený importovať XML súbory",
    /right to import XML/,
  ],
  [556, "Chyba průběhu zpracování", "Chyba priebehu spracovania", /contact STORMWARE's support/],
  [557, "Vypršel čas pro provedení aktivace", "Vypršal čas na vykonanie aktivácie", /activate it/],
];

for (const [errno, czech, slovak, expected] of DOCUMENTED) {
  Deno.test(`package error ${errno} is a refusal of the target, in Czech and in Slovak`, () => {
    for (const note of [czech, `${czech}.`, slovak]) {
      match(hint(note), expected, note);
      match(hint(note), /The items wait in the outbox/);
    }
  });
}

Deno.test("a pack for another accounting unit asks to check the IČO and the mServer address", () => {
  // The emulator's wording; real mServer's is [unverified].
  for (const note of [ICO_MISMATCH_NOTE, "V XML není uvedeno IČO ani klíč účetní jednotky."]) {
    match(hint(note), /Check \[pohoda\] ico/, note);
  }
});

Deno.test("a schema failure is about the content, and the item's reason says so", () => {
  const note =
    `${SCHEMA_FAILURE_NOTE}: Element 'inv:text': [facet 'maxLength'] The value has a length of 300.`;
  equal(classifyRefusal(note).kind, "content");
  match(isolatedReason(note), /does not match POHODA's schema/);
});

Deno.test("words are matched whole: a partner's DIČ or IČ DPH, or rights in passing, are not known refusals", () => {
  for (
    const note of [
      "Neplatné DIČ účetní jednotky.",
      "Neplatné IČ DPH partnera.",
      "Uživatel nemá právo importovat.",
      "Kořenovým elementem XML musí být dat:dataPack.",
    ]
  ) {
    equal(classifyRefusal(note).kind, "unknown", note);
  }
  match(refusalHint("Něco se nepovedlo."), /responses folder/);
  equal(isolatedReason("Něco se nepovedlo."), "POHODA refuses any pack that holds it: “Něco se nepovedlo”.");
});
