/**
 * FLOWii → POHODA end to end: the real CLI as a subprocess against the FLOWii and mServer emulators.
 * Every test ends by checking that each dataPack spojka posted validated against the official XSD.
 */
import { agendaName } from "../src/i18n/mod.ts";
import { deepEqual, doesNotMatch, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import type { MServer } from "./emulators/mserver/mod.ts";
import { editConfig, spawnCli } from "./helpers/cli.ts";
import { ICO, startWorld, type World, type WorldOptions } from "./helpers/world.ts";
import { validateXml } from "./emulators/mserver/mod.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };

async function withWorld(options: WorldOptions, body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld(options);
  try {
    await body(world);
    assertEveryPackValid(world.mserver);
  } finally {
    await world.close();
  }
}

function assertEveryPackValid(mserver: MServer): void {
  // Requests refused before they were read (an injected 503) carry no validation result.
  const packs = mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml" && r.schemaIssues);
  for (const pack of packs) deepEqual(pack.schemaIssues, [], `pack ${pack.packId} does not validate`);
}

/** What the state holds, as `spojka status --json` reports it. */
async function state(world: World): Promise<{ cursors: Record<string, { epoch: number }>; waiting: number }> {
  const result = await world.spojka("status", "--json");
  const report = JSON.parse(result.stdout);
  if (report.stateError) throw new Error(report.stateError);
  return {
    cursors: Object.fromEntries(
      report.cursors.map((c: { stream: string; epoch: number }) => [c.stream, { epoch: c.epoch }]),
    ),
    waiting: report.outbox.pending + report.outbox.failed,
  };
}

function numbers(mserver: MServer): string[] {
  return mserver.pohoda.invoices.map((i) => `${i.invoiceType} ${i.number}`);
}

function assertNoDuplicates(mserver: MServer): void {
  equal(new Set(numbers(mserver)).size, mserver.pohoda.invoices.length, "a document was imported twice");
}

Deno.test("the first run imports every partner and document; the second only what is new", async () => {
  await withWorld({ flowii: { dataset: { seed: 5, partners: 20, documents: 60 } } }, async (world) => {
    const { flowii, mserver } = world;
    const first = await world.spojka("sync");
    equal(first.code, 0, first.stderr);
    equal(mserver.pohoda.addressBook.length, flowii.dataset.partners.length);
    deepEqual(numbers(mserver).sort(), flowii.dataset.documents.map((d) => `${d.type} ${d.number}`).sort());
    match(first.stdout, /fetched 80, imported 80, updated 0, already present 0, with warnings 0, failed 0/);
    const exports = flowii.requests.filter((r) => r.path.endsWith("pohoda-export"));
    deepEqual(exports.map((r) => r.query.from), [undefined, undefined], "the first run asks for everything");
    // Outcomes per item are in the state, not a log line each: a big run must not rotate the log away.
    const log = await Deno.readTextFile(join(world.dir, "log.txt"));
    ok(log.split("\n").length < 40, `${log.split("\n").length} log lines for 80 items`);
    match(log, /FLOWii → POHODA: fetched 80, imported 80/);

    const cursors = (await state(world)).cursors;
    ok(
      cursors["flowii.partners"].epoch <= Math.floor(Date.now() / 1000) - 5 * 60,
      "cursor minus the overlap",
    );

    flowii.addDocuments(4);
    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    equal(mserver.pohoda.invoices.length, 64);
    equal(mserver.pohoda.addressBook.length, flowii.dataset.partners.length);
    assertNoDuplicates(mserver);
    const latest = flowii.requests.filter((r) => r.path.endsWith("pohoda-export")).slice(-2);
    deepEqual(latest.map((r) => r.query.from), [
      String(cursors["flowii.partners"].epoch),
      String(cursors["flowii.documents"].epoch),
    ]);
    match(second.stdout, /imported 4\b/);
  });
});

Deno.test("after reset --cursor nothing is imported twice: documents already present, partners updated in place", async () => {
  await withWorld({ flowii: small }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const before = {
      partners: world.mserver.pohoda.addressBook.length,
      documents: world.mserver.pohoda.invoices.length,
    };
    equal((await world.spojka("reset", "--cursor")).code, 0);
    const again = await world.spojka("sync");
    equal(again.code, 0, again.stderr);
    match(again.stdout, /fetched 32, imported 0, updated 8, already present 24, with warnings 0, failed 0/);
    deepEqual({
      partners: world.mserver.pohoda.addressBook.length,
      documents: world.mserver.pohoda.invoices.length,
    }, before);
  });
});

Deno.test("a rejected document is reported and kept, and imported on a later run once POHODA accepts it", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const victim = world.flowii.dataset.documents[3];
    world.mserver.faults.rejectItem = (item) =>
      item.number === victim.number ? "Předkontace 3Fv neexistuje." : undefined;
    const first = await world.spojka("sync");
    equal(first.code, 1, "exit 1: finished, but an item failed");
    match(first.stderr, new RegExp(`${victim.number}.*not imported: Předkontace 3Fv neexistuje`));
    match(first.stdout, /imported 31, updated 0, already present 0, with warnings 0, failed 1/);
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    equal(status.outbox.failed, 1);
    match(status.outbox.failedItems[0].label, new RegExp(victim.number));
    match(status.outbox.failedItems[0].error, /Předkontace 3Fv neexistuje/);
    const text = (await world.spojka("status")).stdout;
    match(text, /items to look at: 1/);
    match(
      text,
      new RegExp(`failed: ${agendaName(victim.type)} ${victim.number}.*: Předkontace 3Fv neexistuje`),
    );
    ok(!numbers(world.mserver).includes(`${victim.type} ${victim.number}`));

    world.mserver.faults.rejectItem = undefined;
    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    ok(numbers(world.mserver).includes(`${victim.type} ${victim.number}`));
    equal((await state(world)).waiting, 0);
    assertNoDuplicates(world.mserver);
  });
});

Deno.test("a pack refused as a whole imports nothing, moves no cursor, and keeps every item", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.mserver.faults.packError = "Uživatel není oprávnen importovat XML soubory.";
    const refused = await world.spojka("sync");
    equal(refused.code, 4);
    match(refused.stderr, /POHODA refused a whole pack .*Uživatel není oprávnen importovat XML soubory/);
    match(refused.stderr, /right to import XML/);
    equal(
      xmlPosts(world.mserver).length,
      1,
      "a refusal of the target is not split up: every pack would get it",
    );
    equal(world.mserver.pohoda.addressBook.length + world.mserver.pohoda.invoices.length, 0);
    const after = await state(world);
    deepEqual(after.cursors, {});
    equal(after.waiting, 32);

    world.mserver.faults.packError = undefined;
    const retried = await world.spojka("sync");
    equal(retried.code, 0, retried.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
    ok((await state(world)).cursors["flowii.documents"]);
  });
});

/** The `POST /xml` requests mServer received, oldest first. */
function xmlPosts(mserver: MServer) {
  return mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml");
}

Deno.test("one document POHODA cannot read is isolated: the rest import, the cursor moves, only it is retried", async () => {
  // The history ends an hour ago, so the second run fetches only what changes now.
  const dataset = { ...small.dataset, start: new Date(Date.now() - 3600_000) };
  await withWorld({ flowii: { dataset }, mserver: { unreadable: "¤" } }, async (world) => {
    const victim = world.flowii.dataset.documents[13];
    world.flowii.touch(victim.id, { text: `${victim.text} ¤` });
    const first = await world.spojka("sync");
    equal(first.code, 1, `exit 1: finished, but an item failed\n${first.stderr}`);
    match(first.stdout, /POHODA refused a pack of 24 items whole: “XML dokument není správně utvořen/);
    match(
      first.stderr,
      new RegExp(`${victim.number}.*not imported: POHODA refuses any pack that holds it: “XML dokument`),
    );
    doesNotMatch(first.stderr, /right to import XML/);
    match(first.stdout, /imported 31, updated 0, already present 0, with warnings 0, failed 1/);
    deepEqual(
      numbers(world.mserver).sort(),
      world.flowii.dataset.documents.filter((d) => d !== victim).map((d) => `${d.type} ${d.number}`).sort(),
    );
    // 1 pack for the partners, then the documents' pack and its halves down to the document.
    ok(
      xmlPosts(world.mserver).length <= 2 + 2 * Math.ceil(Math.log2(24)),
      `${xmlPosts(world.mserver).length} packs`,
    );

    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    deepEqual(
      status.outbox.failedItems.map((i: { label: string }) => i.label.includes(victim.number)),
      [true],
    );
    match(status.outbox.failedItems[0].error, /XML dokument není správně utvořen/);
    match(
      (await world.spojka("status")).stdout,
      new RegExp(`failed: ${agendaName(victim.type)} ${victim.number}.*POHODA refuses`),
    );
    ok((await state(world)).cursors["flowii.documents"], "the cursor moved");

    const before = xmlPosts(world.mserver).length;
    const second = await world.spojka("sync");
    equal(second.code, 1);
    const retried = xmlPosts(world.mserver).slice(before);
    equal(retried.length, 1, "only the failed document is sent again, alone");
    match(retried[0].body ?? "", new RegExp(victim.number));
    equal(world.mserver.pohoda.invoices.length, 23);
    assertNoDuplicates(world.mserver);
  });
});

Deno.test("an mServer bound to another company's IČO is refused before anything is fetched or sent", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.mserver.pohoda.company.ico = "87654321";
    const askedBefore = world.flowii.requests.length; // init checked the login
    const result = await world.spojka("sync");
    equal(result.code, 2);
    match(
      result.stderr,
      new RegExp(`serves the accounting unit with IČO 87654321.*but \\[pohoda\\] ico is ${ICO}`),
    );
    equal(world.flowii.requests.length, askedBefore, "nothing was fetched");
    deepEqual((await state(world).catch(() => ({ cursors: {} }))).cursors, {});
  });
});

Deno.test("a wrong POHODA password exits 4 with a clear message", async () => {
  await withWorld({ flowii: small, initEnv: { SPOJKA_POHODA_PASSWORD: "wrong" } }, async (world) => {
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(result.stderr, /POHODA refused the user name or password \(HTTP 401\)/);
    ok(!result.stderr.includes("wrong"), "the password is not echoed");
  });
});

Deno.test("a wrong FLOWii password exits 4 with a clear message, and loses nothing", async () => {
  await withWorld({ flowii: small, initEnv: { SPOJKA_FLOWII_PASSWORD: "wrong-heslo" } }, async (world) => {
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(result.stderr, /FLOWii refused the user name or password/);
    ok(!(result.stdout + result.stderr).includes("wrong-heslo"));
    deepEqual((await state(world)).cursors, {});
  });
});

Deno.test("a lost answer and a busy mServer are retried, and every document still lands exactly once", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.mserver.faults.dropResponse = 1;
    world.mserver.faults.unavailable = 1;
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
    equal(world.mserver.pohoda.addressBook.length, 8);
    assertNoDuplicates(world.mserver);
    ok(world.mserver.requests.some((r) => r.dropped), "a response was really lost");
  });
});

Deno.test("a run killed in the middle loses nothing and imports nothing twice", async () => {
  await withWorld({
    flowii: { dataset: { seed: 9, partners: 10, documents: 90 } },
    mserver: { latencyMs: 300 },
  }, async (world) => {
    const child = spawnCli(["--dir", world.dir, "sync"]);
    while (!world.mserver.requests.some((r) => r.method === "POST" && r.status === 200)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await child.output();
    ok(world.mserver.pohoda.invoices.length < 90, "killed before the end");
    world.mserver.faults.latencyMs = 0;
    const resumed = await world.spojka("sync");
    equal(resumed.code, 0, resumed.stderr);
    equal(world.mserver.pohoda.invoices.length, 90);
    equal(world.mserver.pohoda.addressBook.length, 10);
    assertNoDuplicates(world.mserver);
  });
});

Deno.test("a changed partner is updated in the address book, never duplicated", async () => {
  await withWorld({ flowii: small }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const partner = world.flowii.dataset.partners.find((p) => p.ico)!;
    world.flowii.touch(partner.id, { email: "nova.adresa@firma.sk" });
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    equal(world.mserver.pohoda.addressBook.length, 8);
    const records = world.mserver.pohoda.addressBook.filter((r) => r.address.ico === partner.ico);
    equal(records.length, 1);
    equal(records[0].header.email ?? records[0].address.email, "nova.adresa@firma.sk");
  });
});

Deno.test("characters windows-1250 cannot hold fail their document with the field and characters named", async () => {
  const flowii = {
    dataset: { seed: 4, partners: 6, documents: 12, unencodable: true },
    encoding: { partners: "utf-8", documents: "utf-8" },
  } as const;
  await withWorld({ flowii }, async (world) => {
    const result = await world.spojka("sync");
    equal(result.code, 1);
    match(
      result.stderr,
      /invoiceHeader\/text: POHODA cannot take "[^"]+" \(U\+[0-9A-F]{4,5}, not in windows-1250\)/,
    );
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    ok(status.outbox.failed >= 1);
    ok(!JSON.stringify(world.mserver.pohoda).includes("?"), "nothing reached POHODA mangled");
  });
});

Deno.test("a byte windows-1250 leaves undefined holds back only its document, named by field", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const { flowii, mserver } = world;
    const [first, second] = flowii.dataset.documents.filter((d) => d.type === "issuedInvoice");
    // U+0098: windows-1250 leaves the byte 0x98 undefined; the WHATWG decoder makes it a C1 control.
    flowii.touch(first.id, { text: "Oprava \u0098 faktury" });
    flowii.touch(second.id, { text: "Zboží \u0081 a služby" });
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    match(result.stderr, new RegExp(`${first.number}.*invoiceHeader/text: .*U\\+0098`));
    match(result.stderr, new RegExp(`${second.number}.*invoiceHeader/text: .*U\\+0081`));
    const numbers = mserver.pohoda.invoices.map((i) => i.number);
    equal(numbers.length, flowii.dataset.documents.length - 2, "every other document was imported");
    ok(!numbers.includes(first.number) && !numbers.includes(second.number));
    const refusedWhole = mserver.requests.filter((r) =>
      r.method === "POST" && /<rsp:responsePack[^>]*state="error"/.test(r.response ?? "")
    );
    equal(refusedWhole.length, 0, "no pack reached POHODA with the bad characters");
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    equal(status.outbox.failed, 2);
  });
});

Deno.test("sync --dry-run writes valid packs into a folder, posts nothing and moves no cursor", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const out = join(world.dir, "preview");
    const sentBefore = world.mserver.requests.length; // init checked the status
    const result = await world.spojka("sync", "--dry-run", "--out", out);
    equal(result.code, 0, result.stderr);
    match(result.stdout, /Dry run: 2 packs with 32 items written to/);
    const packs = [...Deno.readDirSync(out)].map((e) => e.name).sort();
    deepEqual(packs, ["pack-001.xml", "pack-002.xml"]);
    for (const pack of packs) {
      deepEqual(await validateXml("data", await Deno.readFile(join(out, pack))), [], pack);
    }
    equal(world.mserver.requests.length, sentBefore, "mServer was not even asked");
    deepEqual((await state(world).catch(() => ({ cursors: {} }))).cursors, {});
  });
});

Deno.test("FLOWii's rate limit is waited out without the user noticing", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.flowii.inject("/documents/pohoda-export", { kind: "rateLimit", retryAfter: 1 });
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
    deepEqual(
      world.flowii.requests.filter((r) => r.path === "/documents/pohoda-export").map((r) => r.status),
      [429, 200],
    );
  });
});

Deno.test("a maintenance page, a broken zip or a hostile zip stops the run with exit 4 and loses nothing", async () => {
  const cases = [
    [{ kind: "maintenancePage" }, /FLOWii sent text\/html instead of the documents zip/],
    [
      { kind: "truncatedZip" },
      /export of FLOWii documents \(downloads\/documents\.zip\) cannot be used: not a readable zip/,
    ],
    [{ kind: "pathTraversalZip" }, /entry name "\.\.\/evil\.xml", which points outside its folder/],
    [{ kind: "zipBomb", megabytes: 600 }, /unpacks to more than 512 MiB/],
  ] as const;
  await withWorld({ flowii: small }, async (world) => {
    for (const [fault, message] of cases) {
      world.flowii.inject("/documents/pohoda-export", fault);
      const result = await world.spojka("sync");
      equal(result.code, 4, fault.kind);
      match(result.stderr, message);
      equal(world.mserver.pohoda.invoices.length, 0, "documents wait for a good download");
      deepEqual((await state(world)).cursors["flowii.documents"], undefined);
    }
    const recovered = await world.spojka("sync");
    equal(recovered.code, 0, recovered.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
  });
});

Deno.test("a partner changed and then changed back in FLOWii ends up as FLOWii has it", async () => {
  await withWorld({ flowii: small }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const partner = world.flowii.dataset.partners.find((p) => p.ico && p.extIdInExport)!;
    const original = partner.email;
    world.flowii.touch(partner.id, { email: "docasna@firma.sk" });
    equal((await world.spojka("sync")).code, 0);
    world.flowii.touch(partner.id, { email: original });
    const back = await world.spojka("sync");
    equal(back.code, 0, back.stderr);
    const records = world.mserver.pohoda.addressBook.filter((r) => r.address.ico === partner.ico);
    equal(records.length, 1);
    equal(records[0].header.email ?? records[0].address.email, original);
    match(back.stdout, /Address book: fetched 1, updated 1/);
  });
});

Deno.test("two partners the export tells apart only by one IČO are reported, not silently merged", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const [first, second] = world.flowii.dataset.partners.filter((p) => p.ico);
    for (const p of [first, second]) world.flowii.touch(p.id, { ico: first.ico, extIdInExport: false });
    const result = await world.spojka("sync");
    equal(result.code, 1);
    match(
      result.stderr,
      new RegExp(`FLOWii exported two records that spojka tells apart only by addressbook/ico/${first.ico}`),
    );
    match(result.stdout, /Address book: fetched 8, imported 7, failed 1/);
  });
});

Deno.test("documents whose export stops halfway wait, so no invoice goes before its advance; partners go", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.flowii.inject("/documents/pohoda-export", { kind: "truncatedXml" });
    const broken = await world.spojka("sync");
    equal(broken.code, 4);
    match(broken.stderr, /export of FLOWii documents .* cannot be used: it is not a valid POHODA dataPack/);
    match(broken.stdout, /documents wait in the outbox until their download comes through whole/);
    equal(world.mserver.pohoda.addressBook.length, 8, "the partners went");
    equal(world.mserver.pohoda.invoices.length, 0, "no document went from a half export");
    deepEqual((await state(world)).cursors["flowii.documents"], undefined);

    const whole = await world.spojka("sync");
    equal(whole.code, 0, whole.stderr);
    equal(world.mserver.pohoda.invoices.length, 24);
    assertNoDuplicates(world.mserver);
  });
});

Deno.test("a record larger than max_item_mb is left out alone and named; the rest import", async () => {
  await withWorld({ flowii: small }, async (world) => {
    await editConfig(world.dir, (config) => {
      config.flowii.max_item_mb = 1;
    });
    const victim = world.flowii.dataset.documents.find((d) => d.items.length > 0)!;
    // Thousands of lines: over 1 MiB of XML for this one document.
    world.flowii.touch(victim.id, { items: Array.from({ length: 4000 }, () => victim.items[0]) });
    const result = await world.spojka("sync");
    equal(result.code, 1, "exit 1: finished, but an item failed");
    match(result.stderr, new RegExp(`${victim.number}.*more than \\[flowii\\] max_item_mb \\(1\\.0 MiB\\)`));
    deepEqual(
      numbers(world.mserver).sort(),
      world.flowii.dataset.documents.filter((d) => d !== victim)
        .map((d) => `${d.type} ${d.number}`).sort(),
    );
    assertNoDuplicates(world.mserver);
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    const run = status.lastRuns.find((r: { connector: string }) => r.connector === "flowii");
    ok(
      run.items.listed.some((i: { outcome: string; label: string }) =>
        i.outcome === "too_large" && i.label.includes(victim.number)
      ),
    );
  });
});

Deno.test("a web page instead of mServer's answer is kept, exits 4, and the items go next time", async () => {
  await withWorld({ flowii: small }, async (world) => {
    world.mserver.faults.loginPage = 1;
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(
      result.stderr,
      /mServer did not answer with a POHODA response.*a web page titled “POHODA – přihlášení”/,
    );
    const kept = [...Deno.readDirSync(join(world.dir, "responses"))].map((e) => e.name);
    equal(kept.length, 1);
    match(
      await Deno.readTextFile(join(world.dir, "responses", kept[0])),
      /<title>POHODA – přihlášení<\/title>/,
    );
    equal((await world.spojka("sync")).code, 0);
    equal(world.mserver.pohoda.invoices.length, 24);
  });
});

Deno.test("an unreachable mServer is a recorded run: status and /healthz show why it failed", async () => {
  await withWorld({ flowii: small }, async (world) => {
    await world.mserver.close();
    const result = await world.spojka("sync");
    equal(result.code, 4);
    match(result.stderr, /cannot connect to POHODA mServer .*connection was refused/);
    const status = JSON.parse((await world.spojka("status", "--json")).stdout);
    const run = status.lastRuns.find((r: { connector: string }) => r.connector === "flowii");
    equal(run.result, "failed");
    match(run.message, /cannot connect to POHODA mServer/);
  });
});

Deno.test("every answer of a run is kept, each under a number of its own", async () => {
  await withWorld({ flowii: small }, async (world) => {
    await editConfig(world.dir, (config) => {
      config.pohoda.batch_size = 5; // several packs of partners, then of documents
    });
    const result = await world.spojka("sync");
    equal(result.code, 0, result.stderr);
    const posts = world.mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml");
    const names = [];
    for await (const entry of Deno.readDir(join(world.dir, "responses"))) names.push(entry.name);
    const numbers = names.map((n) =>
      Number(/-(\d+)\.xml$/.exec(n.replace(/^response-\d{4}(-\d\d){5}/, ""))?.[1] ?? 1)
    );
    deepEqual(numbers.sort((a, b) => a - b), posts.map((_, i) => i + 1));
  });
});

Deno.test("a partner POHODA rejects is sent once in a run and counted once", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const victim = world.flowii.dataset.partners[2];
    let seen = 0;
    world.mserver.faults.rejectItem = (item) => {
      if (
        item.agenda !== "addressbook" || !item.partnerName ||
        !JSON.stringify(victim).includes(item.partnerName)
      ) {
        return undefined;
      }
      seen++;
      return "Adresa je chybná.";
    };
    const result = await world.spojka("sync");
    equal(result.code, 1, result.stderr);
    equal(seen, 1, `the rejected partner was sent ${seen} times in one run`);
    match(result.stdout, /Address book: fetched 8, imported 7.*failed 1/);
  });
});
