/**
 * Bad input from FLOWii, end to end through the CLI: rows of docs/bad-input.md that no other test
 * covered. Each run that fails says what is wrong under exit 4, is recorded for `spojka status`,
 * moves no documents cursor and loses nothing: the next sound run imports every document once.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { encodeWindows1250 } from "./emulators/cp1250.ts";
import type { Fault } from "./emulators/flowii/faults.ts";
import type { ZipEntry } from "./emulators/flowii/zip.ts";
import { listen } from "./emulators/server.ts";
import { editConfig } from "./helpers/cli.ts";
import { startWorld, type World, type WorldOptions } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };
const DOCUMENTS = "/documents/pohoda-export";

async function withWorld(body: (world: World) => Promise<void>, options: WorldOptions = {}): Promise<void> {
  const world = await startWorld({ flowii: small, ...options });
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** The documents cursor and the last FLOWii run, as `spojka status --json` reports them. */
async function afterRun(world: World) {
  const status = JSON.parse((await world.spojka("status", "--json")).stdout);
  return {
    cursor: status.cursors.find((c: { stream: string }) => c.stream === "flowii.documents"),
    run: status.lastRuns.find((r: { connector: string }) => r.connector === "flowii"),
  };
}

/** The run fails with exit 4 saying `message`, imports no document, is recorded, and moves no cursor. */
async function refused(world: World, message: RegExp): Promise<void> {
  const result = await world.spojka("sync");
  equal(result.code, 4, result.stderr);
  match(result.stderr, message);
  ok(!/bug/i.test(result.stderr), result.stderr);
  equal(world.mserver.pohoda.invoices.length, 0);
  const { cursor, run } = await afterRun(world);
  equal(cursor, undefined, "the documents cursor did not move");
  equal(run?.exitCode, 4, `the run is recorded as failed: ${JSON.stringify(run)}`);
  match(run.message, message);
}

/** The next, sound run imports every document once. */
async function nextRunImportsAll(world: World): Promise<void> {
  const next = await world.spojka("sync");
  equal(next.code, 0, next.stderr);
  equal(world.mserver.pohoda.invoices.length, 24);
}

Deno.test("a wrong FLOWii API key exits 4 naming the key and where to copy it; nothing moves", async () => {
  await withWorld(async (world) => {
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(result.stderr, /FLOWii refused the API key: “The API key is missing or invalid”/);
    match(result.stderr, /Copy the API key again from FLOWii/);
    ok(!result.stderr.includes("spatny-kluc-77"), "the key is not echoed");
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    deepEqual(status.cursors, []);
    equal(status.lastRuns[0].exitCode, 4);
  }, { initEnv: { SPOJKA_FLOWII_API_KEY: "spatny-kluc-77" } });
});

Deno.test("an unreachable FLOWii exits 4 naming its address; the run is recorded and nothing moves", async () => {
  await withWorld(async (world) => {
    await editConfig(world.dir, (config) => config.flowii.max_attempts = 1);
    await world.flowii.close();
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(result.stderr, /cannot connect to FLOWii at http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
    // Each stream names its failure, and the summary says the run failed, as its exit code does.
    match(result.stderr, /FLOWii partners failed: cannot connect to FLOWii/);
    match(result.stderr, /FLOWii documents failed: cannot connect to FLOWii/);
    match(result.stdout + result.stderr, /FLOWii → POHODA failed \(the error is below\)/);
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    deepEqual(status.cursors, []);
    equal(status.lastRuns[0].result, "failed");
    match(status.lastRuns[0].message, /cannot connect to FLOWii/);
    equal(world.mserver.pohoda.addressBook.length + world.mserver.pohoda.invoices.length, 0);
  });
});

Deno.test("a 503 is waited out by its Retry-After; one that outlasts every attempt exits 4 and loses nothing", async () => {
  await withWorld(async (world) => {
    await editConfig(world.dir, (config) => config.flowii.max_attempts = 2);
    world.flowii.inject(DOCUMENTS, { kind: "unavailable", retryAfter: 0 }, 2);
    await refused(world, /FLOWii's documents export failed \(HTTP 503\): “503 Service Unavailable”/);
    equal(world.mserver.pohoda.addressBook.length, 8, "the partners, downloaded whole, went");

    world.flowii.inject(DOCUMENTS, { kind: "unavailable", retryAfter: 1 });
    await nextRunImportsAll(world);
    deepEqual(
      world.flowii.requests.filter((r) => r.path === DOCUMENTS).map((r) => r.status),
      [503, 503, 503, 200],
    );
  });
});

Deno.test("a damaged or overfull zip stops the documents with exit 4, is kept to look at, and loses nothing", async () => {
  const cases: [Fault, RegExp][] = [
    [
      { kind: "corruptZip" },
      /export of FLOWii documents \(downloads\/documents\.zip\) cannot be used: pohoda_document_export_\S+\.xml cannot be unpacked: Invalid compressed data/,
    ],
    [{ kind: "manyEntriesZip", entries: 200 }, /it holds 201 entries, more than the limit of 100/],
  ];
  for (const [fault, message] of cases) {
    await withWorld(async (world) => {
      world.flowii.inject(DOCUMENTS, fault);
      await refused(world, message);
      ok(Deno.statSync(`${world.dir}/downloads/documents.zip`).isFile, "the zip is kept");
      await nextRunImportsAll(world);
    });
  }
});

Deno.test("a zip holding two files of one name stops the documents with exit 4 naming it", async () => {
  await withWorld(async (world) => {
    // zip.js writes no duplicate name, so a proxy renames the second file in the zip's bytes.
    world.flowii.inject(DOCUMENTS, {
      kind: "rewrittenZip",
      rewrite: (entries) => [
        ...entries.map((e) => ({ ...e, name: "export-a.xml" })),
        ...entries.map((e) => ({ ...e, name: "export-b.xml" })),
      ],
    });
    const proxy = renaming(world.flowii.url, "export-b.xml", "export-a.xml");
    try {
      await editConfig(world.dir, (config) => config.flowii.base_url = proxy.url);
      await refused(world, /documents\.zip\) cannot be used: it holds two files named "export-a\.xml"/);
      await nextRunImportsAll(world);
    } finally {
      await proxy.close();
    }
  });
});

Deno.test("a parameter entity, a control character reference and bytes wrong for their encoding are refused whole", async () => {
  const head = (entry: ZipEntry) => new TextDecoder("latin1").decode(entry.data.subarray(0, 100));
  const text = (entry: ZipEntry) =>
    new TextDecoder(/windows-1250/.test(head(entry)) ? "windows-1250" : "utf-8").decode(entry.data);
  /** The real export with `edit` applied to its text, in `encode`'s bytes, declaring UTF-8. */
  const declaringUtf8 =
    (edit: (xml: string) => string, encode = (xml: string) => new TextEncoder().encode(xml)) =>
    (entries: readonly ZipEntry[]) =>
      entries.map((e) => ({
        ...e,
        data: encode(edit(text(e).replace(/encoding="[^"]+"/, 'encoding="UTF-8"'))),
      }));
  const cases: [string, (entries: readonly ZipEntry[]) => ZipEntry[], RegExp][] = [
    [
      "a parameter entity",
      declaringUtf8((xml) => xml.replace(/\?>/, `?><!DOCTYPE d [<!ENTITY % p "<!ENTITY e 'x'>"> %p;]>`)),
      /not a valid POHODA dataPack: a DOCTYPE or other DTD markup: spojka does not accept DTDs or entity declarations/,
    ],
    [
      "a control character as a reference",
      declaringUtf8((xml) => xml.replace("<inv:text>", "<inv:text>&#1;")),
      /not a valid POHODA dataPack: &#1; refers to a character XML does not allow \(line \d+, column \d+\)/,
    ],
    [
      "windows-1250 bytes declared as UTF-8",
      declaringUtf8((xml) => xml, encodeWindows1250),
      /not a valid POHODA dataPack: the XML declares UTF-8 but its bytes are not valid UTF-8 \(is it windows-1250\?\)/,
    ],
    [
      "UTF-16 with half a character pair",
      declaringUtf8(
        (xml) =>
          xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("<inv:text>", "<inv:text>\ud800"),
        (xml) => {
          const bytes = new Uint8Array(2 + 2 * xml.length);
          bytes.set([0xff, 0xfe]);
          for (let i = 0; i < xml.length; i++) {
            new DataView(bytes.buffer).setUint16(2 + 2 * i, xml.charCodeAt(i), true);
          }
          return bytes;
        },
      ),
      /not a valid POHODA dataPack: the XML starts with a UTF-16LE byte-order mark but its bytes are not valid UTF-16LE/,
    ],
  ];
  for (const [what, rewrite, message] of cases) {
    await withWorld(async (world) => {
      world.flowii.inject(DOCUMENTS, { kind: "rewrittenZip", rewrite });
      await refused(world, message);
      ok(
        world.mserver.pohoda.invoices.every((i) => !/Ă|Ä|Ĺ/.test(JSON.stringify(i))),
        `${what}: nothing garbled`,
      );
      await nextRunImportsAll(world);
    });
  }
});

/** A way to FLOWii that writes `to` for `from` in the bytes of every answer (names of equal length). */
function renaming(flowiiUrl: string, from: string, to: string) {
  return listen(async (request) => {
    const url = new URL(request.url);
    const answer = await fetch(flowiiUrl + url.pathname + url.search, {
      method: request.method,
      headers: request.headers,
      body: request.method === "POST" ? await request.arrayBuffer() : undefined,
    });
    const bytes = Buffer.from(await answer.arrayBuffer()).toString("latin1").replaceAll(from, to);
    return new Response(Buffer.from(bytes, "latin1"), { status: answer.status, headers: answer.headers });
  });
}
