/**
 * Exports FLOWii should not send, end to end through the CLI: every file of the zip is read
 * whatever its name, a file that is not a POHODA dataPack fails its stream (exit 4) and moves no
 * cursor, hostile XML is refused and never expanded, a lying encoding declaration never garbles a
 * name, and a record exported twice is sent once. Each failed run is recorded.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { ZipEntry } from "./emulators/flowii/zip.ts";
import { withWorld as withSmallWorld, type World } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };
const DOCUMENTS = "/documents/pohoda-export";

const withWorld = (body: (world: World) => Promise<void>) => withSmallWorld({ flowii: small }, body);

/** Replaces the documents export's zip with what `rewrite` makes of its entries. */
function rewrite(world: World, rewrite: (entries: readonly ZipEntry[]) => ZipEntry[]): void {
  world.flowii.inject(DOCUMENTS, { kind: "rewrittenZip", rewrite });
}

const text = (entry: ZipEntry) =>
  new TextDecoder(/windows-1250/.test(head(entry)) ? "windows-1250" : "utf-8")
    .decode(entry.data);
const head = (entry: ZipEntry) => new TextDecoder("latin1").decode(entry.data.subarray(0, 100));
const utf8 = (xml: string) => new TextEncoder().encode(xml);

/** The documents cursor and the last run's result, as `spojka status --json` reports them. */
async function afterRun(world: World) {
  const status = JSON.parse((await world.spojka("status", "--json")).stdout);
  const cursor = status.cursors.find((c: { stream: string }) => c.stream === "flowii.documents");
  const run = status.lastRuns.find((r: { connector: string }) => r.connector === "flowii");
  return { cursor, run };
}

/** The run fails its documents stream with `pattern`, imports no document and moves no cursor. */
async function refused(world: World, pattern: RegExp): Promise<void> {
  const result = await world.spojka("sync");
  equal(result.code, 4, result.stderr);
  match(result.stderr, pattern);
  equal(world.mserver.pohoda.invoices.length, 0);
  const { cursor, run } = await afterRun(world);
  equal(cursor, undefined, "the documents cursor did not move");
  ok(run && run.exitCode === 4, `the run is recorded as failed: ${JSON.stringify(run)}`);
  // The next, sound export imports everything once.
  const next = await world.spojka("sync");
  equal(next.code, 0, next.stderr);
  equal(world.mserver.pohoda.invoices.length, 24);
}

Deno.test("an export file with another name is read all the same", async () => {
  await withWorld(async (world) => {
    rewrite(world, (entries) => entries.map((e) => ({ ...e, name: "export.dat" })));
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
  });
});

Deno.test("a zip holding a file that is not an export fails the stream and moves no cursor", async () => {
  await withWorld(async (world) => {
    rewrite(world, () => [{ name: "readme.txt", data: utf8("Export se nepodařil.") }]);
    await refused(world, /readme\.txt\) cannot be used: it is not a valid POHODA dataPack/);
  });
});

Deno.test("the same records in two files of the zip are sent once and are not failures", async () => {
  await withWorld(async (world) => {
    rewrite(world, (entries) => [...entries, ...entries.map((e) => ({ ...e, name: `copy/${e.name}` }))]);
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    match(result.stdout, /failed 0/);
    match(result.stderr + result.stdout, /exported twice, identical; it is sent once/);
    equal(world.mserver.pohoda.invoices.length, 24);
  });
});

Deno.test("hostile XML is refused with a clear message, never expanded, and the run is recorded", async () => {
  /** The real export with `edit` applied to its text, re-encoded as UTF-8 with that declaration. */
  const hostile = (edit: (xml: string) => string) => (entries: readonly ZipEntry[]) =>
    entries.map((e) => ({
      ...e,
      data: utf8(edit(text(e).replace(/encoding="[^"]+"/, 'encoding="UTF-8"'))),
    }));
  const afterDeclaration = (insert: string) => (xml: string) => xml.replace(/\?>/, `?>${insert}`);
  const cases: [string, (xml: string) => string, RegExp][] = [
    [
      "internal entities",
      (xml) =>
        afterDeclaration(`<!DOCTYPE dat:dataPack [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>`)(xml)
          .replace("<inv:text>", "<inv:text>&lol2;"),
      /does not accept DTDs or entity declarations/,
    ],
    ["an external entity", afterDeclaration(`<!DOCTYPE d SYSTEM "file:///etc/passwd">`), /DTD/],
    ["an undefined entity", (xml) => xml.replace("<inv:text>", "<inv:text>&lol9;"), /&lol9; is not defined/],
    ["two root elements", (xml) => `${xml}<dat:dataPack/>`, /second element after the root/],
    [
      "nesting deeper than 100",
      (xml) => xml.replace("<inv:text>", `<inv:text>${"<x>".repeat(120)}${"</x>".repeat(120)}`),
      /nested deeper than 100/,
    ],
  ];
  for (const [what, edit, pattern] of cases) {
    await withWorld(async (world) => {
      rewrite(world, hostile(edit));
      await refused(world, pattern);
      ok(!JSON.stringify(world.mserver.pohoda).includes("lol"), `${what}: nothing of it reached POHODA`);
    });
  }
});

Deno.test("UTF-8 that declares windows-1250 is read as UTF-8: no garbled name reaches POHODA", async () => {
  await withWorld(async (world) => {
    rewrite(world, (entries) =>
      entries.map((e) => ({
        ...e,
        data: utf8(text(e).replace(/encoding="[^"]+"/, 'encoding="windows-1250"')),
      })));
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    match(result.stderr + result.stdout, /says it is windows-1250, but its bytes are UTF-8; read as UTF-8/);
    const names = world.mserver.pohoda.invoices.map((i) => JSON.stringify(i));
    ok(names.every((n) => !/Ă|Ä|Ĺ/.test(n)), "no mojibake");
    deepEqual(
      world.mserver.pohoda.invoices.map((i) => i.number).sort(),
      world.flowii.dataset.documents.map((d) => d.number).sort(),
    );
  });
});
