import { deepEqual, ok } from "node:assert/strict";
import { CATALOGUES } from "./mod.ts";

type Leaf = string | ((...args: never[]) => string);

/** Every message of a catalogue by its dotted path. */
function leaves(tree: object, prefix = ""): Map<string, Leaf> {
  const found = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string" || typeof value === "function") found.set(path, value as Leaf);
    else for (const [p, v] of leaves(value as object, path)) found.set(p, v);
  }
  return found;
}

/** A message with sample values: 1, 3 and 7 pick each plural form. */
function texts(leaf: Leaf): string[] {
  if (typeof leaf === "string") return [leaf];
  return [1, 3, 7].map((n) => (leaf as (...args: unknown[]) => string)(...Array(leaf.length).fill(n)));
}

/** Messages that are the same in every language: names, commands, numbers. */
const SAME_EVERYWHERE = new Set(["tally.count", "outcome.duplicate", "agenda.product"]);

const en = leaves(CATALOGUES.en);

for (const language of ["cs", "sk"] as const) {
  const other = leaves(CATALOGUES[language]);

  Deno.test(`${language}: the catalogue has every English message, and no other`, () => {
    deepEqual([...other.keys()].sort(), [...en.keys()].sort());
  });

  Deno.test(`${language}: every message says something, in its own words`, () => {
    for (const [path, leaf] of other) {
      const own = texts(leaf);
      for (const text of own) {
        ok(text.trim() !== "" && !/undefined|NaN|\[object/.test(text), `${path}: ${text}`);
      }
      if (SAME_EVERYWHERE.has(path)) continue;
      const english = texts(en.get(path)!);
      ok(own.some((text, i) => text !== english[i]), `${path} is the English text: ${own[0]}`);
    }
  });
}

Deno.test("English messages say something", () => {
  for (const [path, leaf] of en) {
    for (const text of texts(leaf)) ok(text.trim() !== "" && !/undefined|NaN/.test(text), path);
  }
});

Deno.test("Czech and Slovak plurals take the form of 1, 2–4 and 5 or more", () => {
  deepEqual([1, 3, 7].map((n) => CATALOGUES.cs.status.failedItem("A", "B", n, "r")), [
    "  selhalo: A B (1 pokus): r",
    "  selhalo: A B (3 pokusy): r",
    "  selhalo: A B (7 pokusů): r",
  ]);
  deepEqual([1, 3, 7].map((n) => CATALOGUES.sk.status.failedItem("A", "B", n, "r")), [
    "  zlyhalo: A B (1 pokus): r",
    "  zlyhalo: A B (3 pokusy): r",
    "  zlyhalo: A B (7 pokusov): r",
  ]);
});

Deno.test("English counts of one are singular", () => {
  deepEqual([1, 3].map((n) => CATALOGUES.en.mserverCheck.busy("busy", n)), [
    "mServer is busy with 1 request in its queue; spojka's packs wait their turn.",
    "mServer is busy with 3 requests in its queue; spojka's packs wait their turn.",
  ]);
  deepEqual([1, 3].map((n) => CATALOGUES.en.eshop.wooProducts(n)), [
    "WooCommerce: 1 product or variation",
    "WooCommerce: 3 products and variations",
  ]);
});
