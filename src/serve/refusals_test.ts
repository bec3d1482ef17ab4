import { equal, match } from "node:assert/strict";
import { setLanguage } from "../i18n/mod.ts";
import { RefusalLog } from "./refusals.ts";

function recording() {
  const lines: string[] = [];
  return { lines, log: { warn: (message: string) => lines.push(message) } };
}

Deno.test("a flood of refused requests is one line, most frequent reason first", () => {
  const { lines, log } = recording();
  const refusals = new RefusalLog(log);
  for (let i = 0; i < 500; i++) refusals.count("bad signature");
  for (let i = 0; i < 17; i++) refusals.count("too large");
  for (let i = 0; i < 3; i++) refusals.count("replay");
  equal(lines.length, 0, "nothing is logged until the interval ends");
  refusals.flush();
  equal(lines.length, 1);
  match(
    lines[0],
    /^Refused 517 requests in the last 60 s: 500 with a wrong or missing X-Kros-Signature-256, 17 too large/,
  );
  match(lines[0], /Ignored 3 repeated KROS notifications/);
  match(lines[0], /spojka init shows the one to enter/);
  refusals.flush();
  equal(lines.length, 1, "a quiet interval logs nothing");
});

Deno.test("the line is logged when the interval ends, and counting starts again", async () => {
  const { lines, log } = recording();
  const refusals = new RefusalLog(log, 20);
  refusals.count("slow");
  await new Promise((resolve) => setTimeout(resolve, 60));
  equal(lines.length, 1);
  match(lines[0], /^Refused 1 request in the last 0 s: 1 not sent whole within 10 s\.$/);
  refusals.count("busy");
  refusals.flush();
  match(lines[1], /^Refused 1 request .*: 1 while 32 connections were open\.$/);
});

Deno.test("in Czech, the line counts each reason, the unsigned hint and the replays in Czech", () => {
  setLanguage("cs");
  try {
    const { lines, log } = recording();
    const refusals = new RefusalLog(log);
    for (let i = 0; i < 5; i++) refusals.count("bad signature");
    refusals.count("busy");
    for (let i = 0; i < 2; i++) refusals.count("replay");
    refusals.flush();
    equal(
      lines[0],
      "Odmítnuto 6 požadavků za posledních 60 s: 5× s chybnou nebo chybějící hlavičkou X-Kros-Signature-256, " +
        "1× při 32 otevřených spojeních. Pokud ty nepodepsané poslal KROS, autorizační klíč zadaný v KROS " +
        "není klíč spojky: spojka init ukáže ten, který je třeba zadat. Ignorovány 2 opakované notifikace " +
        "KROS (odpověď 200; každá už spustila svou synchronizaci).",
    );
  } finally {
    setLanguage("en");
  }
});
