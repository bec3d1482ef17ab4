import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { ConfigError } from "../core/errors.ts";
import { parseConfigText } from "./file.ts";
import { diagnose, type InvalidConfig } from "./repair.ts";
import { configText } from "./_testing.ts";

function invalid(text: string): InvalidConfig {
  const found = diagnose(text, "config.toml");
  equal(found?.kind, "invalid", JSON.stringify(found));
  return found as InvalidConfig;
}

const lineOf = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;

Deno.test("one bad key in a sub-table: only that key goes, its siblings are kept", () => {
  const text = configText({
    rest: '[flowii.endpoints]\ntoken = "token"\npartners = "/partneri"\nsince_param = "od"\n\n' +
      '[pohoda.units]\n2025 = "http://127.0.0.1:444/xml"\nrok = "http://127.0.0.1:445/xml"\n',
  });
  const found = invalid(text);
  deepEqual(found.problems, [
    `[flowii.endpoints] token (line ${lineOf(text, "token")}): must start with "/"`,
    `[pohoda.units] rok (line ${lineOf(text, "rok")}): must be a year, e.g. 2025 = "…"`,
  ]);
  deepEqual(found.reenter, ["flowii", "pohoda"]);
  deepEqual(found.kept.flowii.endpoints, { partners: "/partneri", since_param: "od" });
  deepEqual(found.kept.pohoda.units, { 2025: "http://127.0.0.1:444/xml" });
  equal(found.kept.flowii.user, "uctovnik@firma.sk", "the section's own sound values stay too");
});

Deno.test("a sub-table wrong as a whole goes, and is named", () => {
  const text = configText({ flowii: "endpoints = 5", rest: '[pohoda.extra]\nnote = "x"\n' });
  const found = invalid(text);
  deepEqual(found.problems, [
    `[flowii] endpoints (line ${lineOf(text, "endpoints")}): must be a section, not the number 5`,
    `unknown section [pohoda.extra] (line ${
      lineOf(text, "[pohoda.extra]")
    }): spojka help config lists every key`,
  ]);
  ok(!("endpoints" in found.kept.flowii));
  ok(!("extra" in found.kept.pohoda));
  equal(found.kept.pohoda.ico, "12345679");
});

Deno.test("the repair tells each problem in the words of every other command, with its line", () => {
  const text = configText({
    flowii: "max_item_mb = 1.5\nlanguage = 3",
    pohoda: 'batch_size = true\nico = 12345679\nicoo = "1"',
    rest: '[unknown]\nkey = "x"\n',
  }).replace('ico = "12345679"\n', "");
  let told: string[] = [];
  try {
    parseConfigText(text, "config.toml");
  } catch (e) {
    told = (e as ConfigError).message.split("\n  ").slice(1);
  }
  const repair = invalid(text).problems;
  equal(told.length, 6);
  deepEqual(repair.map((problem) => problem.replace(/ \(line \d+\)/, "")), told);
  match(repair.join("\n"), /\[pohoda\] batch_size \(line \d+\): must be a number, not true/);
  match(repair.join("\n"), /unknown section \[unknown\] \(line \d+\)/);
});

Deno.test("in a section init does not ask about, only the broken key goes, named", () => {
  const text = configText({
    rest: '[serve]\nlisten = "8787"\npublic_url = "https://spojka.firma.cz"\ndebounce_seconds = 30\n',
  });
  const found = invalid(text);
  deepEqual(found.reenter, []);
  deepEqual(found.drop, ["[serve] listen"]);
  deepEqual(found.kept.serve, { public_url: "https://spojka.firma.cz", debounce_seconds: 30 });
  equal(found.kept.pohoda.ico, "12345679");
});
