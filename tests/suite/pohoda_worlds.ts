/**
 * FLOWii → POHODA for the connector suite, once through mServer (tests/helpers/world.ts) and once
 * through `Pohoda.exe /XML` and its folders (tests/helpers/files_world.ts).
 *
 * @module
 */

import type { FlowiiEmulator } from "../emulators/flowii/server.ts";
import { runningInvocations } from "../emulators/pohoda_exe/main.ts";
import type { Store } from "../emulators/pohoda_exe/store.ts";
import type { PohodaDb } from "../emulators/mserver/pohoda.ts";
import { type CliResult, editConfig, runCli } from "../helpers/cli.ts";
import { startFilesWorld } from "../helpers/files_world.ts";
import { startWorld } from "../helpers/world.ts";
import { type ConnectorWorld, SLOW_WRITE_MS, until, type WorldKind, type WrongCredential } from "./world.ts";

/** A small history that ended an hour ago, so a second sync finds nothing new within its overlap. */
const flowiiOptions = () => ({
  dataset: { seed: 11, partners: 6, documents: 18, start: new Date(Date.now() - 3600_000) },
});

/** Packs of 4 items through mServer: several writes per run, so that a run can be killed between them. */
const BATCH_SIZE = 4;

/** What FLOWii → POHODA worlds share: the source, its secrets, and POHODA seen through its database. */
function flowiiPohoda(
  { flowii, dir, env, init }: {
    flowii: FlowiiEmulator;
    dir: string;
    env: Record<string, string>;
    init: CliResult;
  },
  pohoda: () => Promise<PohodaDb>,
  /** What the user is told when POHODA refuses the password. */
  pohodaRefusal: RegExp,
): Pick<
  ConnectorWorld,
  | "dir"
  | "env"
  | "init"
  | "secretVariables"
  | "connector"
  | "spojka"
  | "sourceCount"
  | "moved"
  | "targetStore"
  | "expectedStore"
  | "changeSource"
  | "wrongCredentials"
> {
  return {
    dir,
    env,
    init,
    secretVariables: ["SPOJKA_FLOWII_PASSWORD", "SPOJKA_FLOWII_API_KEY", "SPOJKA_POHODA_PASSWORD"],
    connector: "flowii",
    spojka: (args, extra) => runCli(["--dir", dir, ...args], { env: extra }),
    sourceCount: () => flowii.dataset.partners.length + flowii.dataset.documents.length,
    moved: (counts) =>
      Object.values(counts).reduce((sum, agenda) => sum + (agenda.imported ?? 0) + (agenda.updated ?? 0), 0),
    targetStore: async () => {
      const db = await pohoda();
      return [
        ...db.addressBook.map((r) => `partner ${r.address.ico ?? r.address.company ?? r.address.name}`),
        ...db.invoices.map((i) => `${i.invoiceType} ${i.number}`),
      ].sort();
    },
    expectedStore: () =>
      [
        ...flowii.dataset.partners.map((p) => `partner ${p.ico ?? p.company ?? p.name}`),
        ...flowii.dataset.documents.map((d) => `${d.type} ${d.number}`),
      ].sort(),
    changeSource: (count) => void flowii.addDocuments(count),
    wrongCredentials: (): WrongCredential[] => [{
      label: "FLOWii password",
      env: { SPOJKA_FLOWII_PASSWORD: "wrong-heslo-4410" },
      message: /FLOWii refused the user name or password/,
    }, {
      label: "POHODA password",
      env: { SPOJKA_POHODA_PASSWORD: "wrong-heslo-4410" },
      message: pohodaRefusal,
    }],
  };
}

/** FLOWii → POHODA mServer. */
export const flowiiMServer: WorldKind = {
  name: "flowii-mserver",
  start: async () => {
    const world = await startWorld({ flowii: flowiiOptions() });
    await editConfig(world.dir, (config) => void (config.pohoda.batch_size = BATCH_SIZE));
    const { mserver } = world;
    // List requests are POSTs too; a write is a pack that imports.
    const writes = () =>
      mserver.requests.filter((r) => r.method === "POST" && r.path === "/xml" && !/<lst:/.test(r.body ?? ""));
    return {
      ...flowiiPohoda(
        world,
        () => Promise.resolve(mserver.pohoda),
        /POHODA refused the user name or password \(HTTP 401\)/,
      ),
      initChecks: [/FLOWii: OK/, /POHODA mServer: OK/],
      writesSeen: () => Promise.resolve(writes().length),
      slowDown: () => Promise.resolve(void (mserver.faults.latencyMs = SLOW_WRITE_MS)),
      writing: () =>
        until("mServer has imported a pack and is importing another", () => {
          const done = writes().filter((r) => r.status === 200).length;
          return done >= 1 && writes().length > done;
        }),
      recover: async () => {
        mserver.faults.latencyMs = 0;
        await until("mServer has answered every request", () => mserver.open === 0);
      },
      stop: world.close,
    };
  },
};

/** FLOWii → POHODA without mServer: spojka writes packs and INIs and starts the emulated Pohoda.exe. */
export const flowiiXmlFolder: WorldKind = {
  name: "flowii-xml-folder",
  start: async () => {
    // Each pack is a Pohoda.exe of its own, which takes a while to start: no small packs here.
    const world = await startFilesWorld({ exe: true, flowii: flowiiOptions() });
    // The store is rewritten whole by each Pohoda.exe; one read mid-write is retried.
    const store = async (): Promise<Store> => {
      for (;;) {
        try {
          return await world.pohoda();
        } catch (e) {
          if (!(e instanceof SyntaxError)) throw e;
        }
      }
    };
    const imports = async () => (await store()).file.invocations.filter((i) => i.packs.length > 0).length;
    const setLatency = (ms: number) => world.editPohoda((file) => void (file.faults.latencyMs = ms));
    return {
      ...flowiiPohoda(
        world,
        async () => (await store()).db,
        /POHODA refused a whole pack of \d+ items: “Nepodařilo se přihlásit uživatele”\./,
      ),
      initChecks: [/FLOWii: OK/, /POHODA \(Pohoda\.exe \/XML\): OK/],
      writesSeen: imports,
      slowDown: () => setLatency(SLOW_WRITE_MS),
      writing: () =>
        until(
          "Pohoda.exe runs",
          async () => await runningInvocations(world.storePath) > 0,
        ),
      // spojka's death does not end the Pohoda.exe it started: that one finishes and answers.
      recover: async () => {
        await until("no Pohoda.exe runs", async () => await runningInvocations(world.storePath) === 0);
        await setLatency(0);
      },
      stop: world.close,
    };
  },
};
