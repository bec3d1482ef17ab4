/**
 * Records POHODA cannot take and mServer answers that refuse, end to end through the CLI: rows of
 * docs/bad-input.md that no other test covered. A bad record fails alone (exit 1, named, the rest
 * imported, the cursor moves); a refusal of every pack stops the posting (exit 4) and keeps every
 * item in the outbox, with no cursor moved.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { ZipEntry } from "./emulators/flowii/zip.ts";
import { withWorld as withSmallWorld, type World } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };
const DOCUMENTS = "/documents/pohoda-export";

const withWorld = (body: (world: World) => Promise<void>) => withSmallWorld({ flowii: small }, body);

/** What `spojka status --json` reports. */
async function status(world: World) {
  return JSON.parse((await world.spojka("status", "--json")).stdout);
}

/** The documents export as UTF-8 with `edit` applied to its text (to write what FLOWii's emulator would not). */
function editExport(world: World, edit: (xml: string) => string): void {
  const head = (entry: ZipEntry) => new TextDecoder("latin1").decode(entry.data.subarray(0, 100));
  const text = (entry: ZipEntry) =>
    new TextDecoder(/windows-1250/.test(head(entry)) ? "windows-1250" : "utf-8").decode(entry.data);
  world.flowii.inject(DOCUMENTS, {
    kind: "rewrittenZip",
    rewrite: (entries) =>
      entries.map((e) => ({
        ...e,
        data: new TextEncoder().encode(edit(text(e).replace(/encoding="[^"]+"/, 'encoding="UTF-8"'))),
      })),
  });
}

/** Puts `value` into the header text of each document, through a marker in FLOWii's record. */
function plant(world: World, values: string[]) {
  const victims = world.flowii.dataset.documents.filter((d) => d.type === "issuedInvoice").slice(
    0,
    values.length,
  );
  victims.forEach((victim, i) => world.flowii.touch(victim.id, { text: `Oprava MARKER${i} faktury` }));
  editExport(world, (xml) => values.reduce((out, value, i) => out.replace(`MARKER${i}`, value), xml));
  return victims;
}

/** The documents POHODA holds are exactly the exported ones but `victims`; they wait as failed. */
async function onlyVictimsFailed(world: World, victims: { number: string }[]): Promise<void> {
  const numbers = world.mserver.pohoda.invoices.map((i) => i.number).sort();
  deepEqual(
    numbers,
    world.flowii.dataset.documents.filter((d) => !victims.includes(d)).map((d) => d.number).sort(),
  );
  const report = await status(world);
  equal(report.outbox.failed, victims.length);
  ok(report.cursors.some((c: { stream: string }) => c.stream === "flowii.documents"), "the cursor moved");
}

Deno.test("a C0 or C1 control character fails its document, named by field and code point; the rest import", async () => {
  await withWorld(async (world) => {
    const victims = plant(world, ["\u0001", "\u009e"]);
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    match(
      result.stderr,
      new RegExp(
        `${
          victims[0].number
        } .*not imported: invoiceHeader/text: POHODA cannot take the control character U\\+0001`,
      ),
    );
    match(result.stderr, new RegExp(`${victims[1].number} .*not imported: invoiceHeader/text: .*U\\+009E`));
    match(result.stderr, /retype the text around it/);
    await onlyVictimsFailed(world, victims);
  });
});

Deno.test("a NUL in a record fails only its document, named by field before sending; the rest import", async () => {
  await withWorld(async (world) => {
    const victims = plant(world, ["\u0000"]);
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    match(result.stderr, new RegExp(`${victims[0].number} .*: not imported: invoiceHeader/text: .*NUL`));
    ok(world.mserver.requests.every((r) => !r.schemaIssues?.length), "no pack POHODA would refuse was sent");
    match(result.stdout, /imported 31, updated 0, already present 0, with warnings 0, failed 1/);
    await onlyVictimsFailed(world, victims);
  });
});

Deno.test("a value longer than the XSD allows fails its document with the length and the limit", async () => {
  await withWorld(async (world) => {
    const victims = plant(world, ["Dlouhý text ".repeat(25)]);
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    match(
      result.stderr,
      new RegExp(
        `${
          victims[0].number
        } .*not imported: invoiceHeader/text: 315 characters, and POHODA takes at most 240 here ` +
          `\\("Oprava Dlouhý text Dlouhý text Dlouhý te…"\\)\\. Shorten the text in FLOWii\\.`,
      ),
    );
    ok(world.mserver.requests.every((r) => !r.schemaIssues?.length), "no pack POHODA would refuse was sent");
    await onlyVictimsFailed(world, victims);
  });
});

Deno.test("a record of an agenda spojka cannot guard is refused by name; the rest import and the cursor moves", async () => {
  await withWorld(async (world) => {
    const receipt = `<dat:dataPackItem id="VYD-1" version="2.0">` +
      `<vyd:vydejka xmlns:vyd="http://www.stormware.cz/schema/version_2/vydejka.xsd" version="2.0">` +
      `<vyd:vydejkaHeader><vyd:text>Výdejka</vyd:text></vyd:vydejkaHeader></vyd:vydejka></dat:dataPackItem>`;
    editExport(world, (xml) => xml.replace(/<dat:dataPackItem\b/, `${receipt}$&`));
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    match(
      result.stderr,
      /vydejka record 1, dataPackItem VYD-1: spojka cannot keep POHODA from importing this kind of record \(<vyd:vydejka>\) twice, so it was left out/,
    );
    match(result.stdout, /fetched 33, imported 32, .*failed 1/);
    equal(world.mserver.pohoda.invoices.length, 24);
    const report = await status(world);
    equal(report.outbox.pending + report.outbox.failed, 0, "nothing of it waits in the outbox");
    ok(report.cursors.some((c: { stream: string }) => c.stream === "flowii.documents"), "the cursor moved");
    const run = report.lastRuns.find((r: { connector: string }) => r.connector === "flowii");
    deepEqual(
      run.items.listed.filter((i: { outcome: string }) => i.outcome === "refused").length,
      1,
    );
  });
});

Deno.test("an mServer busy (503) through every attempt exits 4 and keeps every item for the next run", async () => {
  await withWorld(async (world) => {
    world.mserver.faults.unavailable = 1000;
    const result = await world.spojka("sync");
    equal(result.code, 4, result.stderr);
    match(result.stderr, /mServer answered HTTP 503: “503 Service Unavailable”/);
    match(result.stdout, /32 items wait in the outbox for the next run/);
    const report = await status(world);
    deepEqual([report.outbox.pending, report.cursors], [32, []]);
    match(report.lastRuns[0].message, /mServer answered HTTP 503/);

    world.mserver.faults.unavailable = 0;
    equal((await world.spojka("sync")).code, 0);
    equal(world.mserver.pohoda.invoices.length, 24);
  });
});

Deno.test("a pack POHODA refuses for another accounting unit exits 4 with what to check; every item waits", async () => {
  await withWorld(async (world) => {
    world.mserver.faults.packError = "IČO v XML se neshoduje s IČO účetní jednotky.";
    const result = await world.spojka("sync");
    equal(result.code, 4, result.stderr);
    match(
      result.stderr,
      /POHODA refused a whole pack of 8 items: “IČO v XML se neshoduje s IČO účetní jednotky”\./,
    );
    match(
      result.stderr,
      /Check \[pohoda\] ico, and that \[pohoda\] url points to the mServer of this company/,
    );
    equal(
      world.mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml").length,
      1,
      "a refusal of the target is not split up",
    );
    const report = await status(world);
    deepEqual([report.outbox.pending, report.cursors], [32, []]);
  });
});
