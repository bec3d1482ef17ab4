/**
 * POHODA without mServer (`[pohoda] transport = "xml-folder"`) end to end: the real CLI against the
 * FLOWii emulator and a stand-in for `Pohoda.exe /XML` (tests/emulators/pohoda_exe) that imports with
 * the mServer emulator's logic into a POHODA kept in a JSON file.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join, relative } from "node:path";
import type { FlowiiEmulator } from "./emulators/flowii/server.ts";
import type { Store } from "./emulators/pohoda_exe/store.ts";
import { editConfig } from "./helpers/cli.ts";
import {
  FILES_PASSWORD as PASSWORD,
  FILES_USER as USER,
  type FilesWorld,
  type FilesWorldOptions,
  startFilesWorld,
} from "./helpers/files_world.ts";
import { formsFound, secretForms } from "./helpers/secret_forms.ts";
import { ICO } from "./helpers/world.ts";

/** A history that ended an hour ago: a sync fetches nothing again within its overlap. */
const small = () => ({
  dataset: { seed: 11, partners: 8, documents: 24, start: new Date(Date.now() - 3600_000) },
});

async function withFiles(
  options: Omit<FilesWorldOptions, "flowii">,
  body: (world: FilesWorld) => Promise<void>,
): Promise<void> {
  const world = await startFilesWorld({ ...options, flowii: small() });
  try {
    match(world.init.stdout, /POHODA \(Pohoda\.exe \/XML\): OK/);
    await body(world);
    assertPacksValid(await world.pohoda());
    await assertNoSecret(world.dir);
  } finally {
    await world.close();
  }
}

/** Every pack the emulated POHODA read validated against data.xsd. */
function assertPacksValid(store: Store): void {
  for (const invocation of store.file.invocations) {
    for (const pack of invocation.packs) equal(pack.schemaIssues, 0, `${pack.file} does not validate`);
  }
}

/** No form of the POHODA password in any file of the data folder, the packs, answers and INIs included. */
async function assertNoSecret(dir: string): Promise<void> {
  const forms = secretForms(PASSWORD, [USER]);
  for await (const path of files(dir)) {
    deepEqual(formsFound(await Deno.readFile(path), forms), [], `the password is in ${relative(dir, path)}`);
  }
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* files(path);
    else yield path;
  }
}

/** How many items wait in the outbox. */
async function waiting(world: FilesWorld): Promise<number> {
  const { outbox } = JSON.parse((await world.spojka("status", "--json")).stdout);
  return outbox.pending + outbox.failed;
}

/** Each document POHODA holds, as `<type> <number>`. */
function documents(store: Store): string[] {
  return store.db.invoices.map((i) => `${i.invoiceType} ${i.number}`).sort();
}

function exported(flowii: FlowiiEmulator): string[] {
  return flowii.dataset.documents.map((d) => `${d.type} ${d.number}`).sort();
}

async function filesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("spojka starts Pohoda.exe: everything is imported exactly once, and a second sync adds nothing", async () => {
  await withFiles({ exe: true }, async (world) => {
    const first = await world.spojka("sync");
    equal(first.code, 0, first.stderr);
    match(first.stdout, /fetched 32, imported 32, updated 0, already present 0/);
    let pohoda = await world.pohoda();
    equal(pohoda.db.addressBook.length, world.flowii.dataset.partners.length);
    deepEqual(documents(pohoda), exported(world.flowii));
    // One Pohoda.exe per pack, partners first, with the user and the INI of that pack.
    const [partners, docs] = pohoda.file.invocations;
    equal(pohoda.file.invocations.length, 2);
    deepEqual([partners.user, partners.settings.check_duplicity, docs.settings.check_duplicity], [
      USER,
      "0",
      "1",
    ]);
    equal(docs.settings.database, `StwPh_${ICO}_${new Date().getFullYear()}`);
    equal(docs.packs[0].itemIds.length, 24);
    // Answered and settled: nothing is left in the folders but the INIs for running POHODA by hand.
    deepEqual(await filesIn(join(world.dir, "pohoda-xml", "in", "documents")), []);
    deepEqual(await filesIn(join(world.dir, "pohoda-xml", "sent")), []);
    deepEqual(await filesIn(join(world.dir, "pohoda-xml")), [
      "documents.ini",
      "in",
      "out",
      "partners.ini",
      "sent",
    ]);
    equal(await waiting(world), 0);

    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    match(second.stdout, /Nothing to send to POHODA/);
    pohoda = await world.pohoda();
    equal(pohoda.file.invocations.length, 2, "POHODA was not started again");
    equal(pohoda.db.addressBook.length, world.flowii.dataset.partners.length);
    deepEqual(documents(pohoda), exported(world.flowii), "nothing imported twice");
    equal(await waiting(world), 0);
  });
});

Deno.test("a wrong POHODA password: exit 4 naming it, nothing imported, every item kept", async () => {
  await withFiles({ exe: true, password: "wrong-password-1" }, async (world) => {
    const sync = await world.spojka("sync");
    equal(sync.code, 4, sync.stderr);
    match(sync.stderr, /POHODA refused a whole pack of 8 items: “Nepodařilo se přihlásit uživatele”\./);
    match(sync.stderr, /Check the POHODA user name and password/);
    equal((await world.pohoda()).db.addressBook.length, 0);
    equal(await waiting(world), 32);
  });
});

Deno.test("Pohoda.exe imports but writes no answer: the items stay pending, and the next run confirms them once", async () => {
  await withFiles({ exe: true }, async (world) => {
    // The partners' Pohoda.exe answers; the documents' imports, and its answer is lost.
    await world.editPohoda((file) => Object.assign(file.faults, { sparing: 1, unanswered: 1 }));
    const first = await world.spojka("sync");
    equal(first.code, 4, first.stdout);
    match(first.stderr, /Pohoda\.exe ended \(exit code 0\) without writing its answer/);
    match(first.stderr, /starts POHODA on the same pack again/);
    equal((await world.pohoda()).db.invoices.length, 24, "imported, though unanswered");
    equal(await waiting(world), 24, "the documents wait for an answer");
    // The pack's INI waits for the next start, without the password.
    ok((await filesIn(join(world.dir, "pohoda-xml", "sent"))).some((name) => name.endsWith(".ini")));
    await assertNoSecret(world.dir);

    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    // Started again on the same pack: the duplicity check answers, and the imports count as this run's.
    match(second.stdout, /POHODA: the answer to 24 items sent on an earlier run/);
    // The first run moved no cursor, so everything is fetched and sent again: already present.
    match(second.stdout, /fetched 32, imported 24, updated 8, already present 24, with warnings 0, failed 0/);
    const pohoda = await world.pohoda();
    deepEqual(documents(pohoda), exported(world.flowii), "nothing imported twice");
    const [, lost, again] = pohoda.file.invocations;
    equal(again.ini, lost.ini, "the same pack's INI");
    equal(await waiting(world), 0);
  });
});

Deno.test("without Pohoda.exe: spojka writes the packs, a POHODA the user runs answers, the next sync confirms", async () => {
  await withFiles({ exe: false }, async (world) => {
    const first = await world.spojka("sync");
    equal(first.code, 0, first.stderr);
    match(first.stdout, /8 items were handed to POHODA \(Pohoda\.exe \/XML\) and wait for its answer/);
    match(first.stdout, /24 items were handed/);
    equal(await waiting(world), 32);
    const base = join(world.dir, "pohoda-xml");
    const ini = await Deno.readTextFile(join(base, "documents.ini"));
    match(
      ini,
      /^\[XML\]\r\ninput_dir=.*documents\r\nresponse_dir=.*documents\r\ndatabase=StwPh_\d+_\d{4}\r\ncheck_duplicity=1\r\n$/,
    );

    // A second sync before POHODA ran sends nothing again.
    const early = await world.spojka("sync");
    equal(early.code, 0, early.stderr);
    equal((await filesIn(join(base, "in", "documents"))).length, 1, "still the one pack");

    // The user's POHODA, partners first.
    equal(await world.runPohoda("/XML", USER, PASSWORD, join(base, "partners.ini")), 0);
    equal(await world.runPohoda("/XML", USER, PASSWORD, join(base, "documents.ini")), 0);
    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    match(second.stdout, /imported 32/);
    equal(await waiting(world), 0);
    deepEqual(documents(await world.pohoda()), exported(world.flowii));
    deepEqual(await filesIn(join(base, "in", "documents")), []);
    deepEqual(await filesIn(join(base, "out", "documents")), []);

    // List requests need mServer.
    const verify = await world.spojka("verify");
    equal(verify.code, 2);
    match(verify.stderr, /spojka verify needs POHODA mServer/);
  });
});

Deno.test("without Pohoda.exe: a pack POHODA never answers is written again after resend_after_minutes", async () => {
  await withFiles({ exe: false }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const sent = join(world.dir, "pohoda-xml", "sent");
    const [partners, docs] = (await filesIn(sent)).filter((name) => name.endsWith(".json"));
    // As if three hours had passed with no POHODA run: the documents' pack is overdue.
    const note = JSON.parse(await Deno.readTextFile(join(sent, docs)));
    note.sentAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    await Deno.writeTextFile(join(sent, docs), JSON.stringify(note));
    await editConfig(world.dir, (config) => void (config.pohoda.resend_after_minutes = 120));

    const again = await world.spojka("sync");
    equal(again.code, 0, again.stderr);
    match(again.stdout, /POHODA has not answered .* in 120 minutes; its 24 items are sent again/);
    const notes = (await filesIn(sent)).filter((name) => name.endsWith(".json"));
    ok(notes.includes(partners), "the partners' pack still waits");
    ok(!notes.includes(docs), "the overdue pack is gone");
    equal(notes.length, 2);

    const base = join(world.dir, "pohoda-xml");
    equal(await world.runPohoda("/XML", USER, PASSWORD, join(base, "partners.ini")), 0);
    equal(await world.runPohoda("/XML", USER, PASSWORD, join(base, "documents.ini")), 0);
    equal((await world.spojka("sync")).code, 0);
    equal(await waiting(world), 0);
    deepEqual(documents(await world.pohoda()), exported(world.flowii));
  });
});

Deno.test("a database POHODA does not hold: exit 4 naming POHODA's answer, nothing imported, every item kept", async () => {
  await withFiles({ exe: true }, async (world) => {
    await editConfig(world.dir, (config) => void (config.pohoda.database = `StwPh_${ICO}_2019`));
    const sync = await world.spojka("sync");
    equal(sync.code, 4, sync.stderr);
    match(sync.stderr, /“Nepodařilo se otevřít databázový soubor”/);
    match(sync.stderr, /POHODA cannot open the accounting unit.s database/);
    equal((await world.pohoda()).db.addressBook.length, 0);
    equal(await waiting(world), 32);
  });
});
