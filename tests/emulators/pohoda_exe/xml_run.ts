/**
 * One run of the emulated `Pohoda.exe /XML "<user>" "<password>" "<ini>"` (reference §19): reads the
 * INI's `[XML]` section, logs in, opens the accounting unit named by `database`, imports every
 * input pack with the mServer emulator's importer (`check_duplicity=1` switching on the batch
 * duplicity check) and writes each answer, in windows-1250, where the INI says.
 *
 * @module
 */

import { basename, join, resolve } from "node:path";
import { encodeWindows1250 } from "../cp1250.ts";
import { importDataPack } from "../mserver/importer.ts";
import { PROGRAM_VERSION } from "../mserver/mod.ts";
import { renderResponsePack } from "../mserver/response.ts";
import { resolveXsdDir, schemaValidator } from "../xsd.ts";
import { type Invocation, type Store, unitOf } from "./store.ts";

/** Package error 554 (reference §16; the wording POHODA's table gives). */
export const LOGIN_FAILED_NOTE = "Nepodařilo se přihlásit uživatele.";
/** Package error 553. */
export const NO_DATABASE_NOTE = "Nepodařilo se otevřít databázový soubor.";

/** What the command line says. */
export interface XmlCommand {
  user: string;
  password: string;
  ini: string;
}

/** Reads `/XML "<user>" "<password>" "<ini>"`; `undefined` for any other command line. */
export function parseCommand(args: readonly string[]): XmlCommand | undefined {
  if (args.length !== 4 || args[0].toUpperCase() !== "/XML") return undefined;
  const [, user, password, ini] = args;
  return { user, password, ini };
}

/** The `[XML]` section of an INI file (windows-1250), keys lower-cased. */
export function xmlSection(bytes: Uint8Array): Record<string, string> {
  const settings: Record<string, string> = {};
  let inXml = false;
  for (const raw of new TextDecoder("windows-1250").decode(bytes).split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";")) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      inXml = section[1].trim().toUpperCase() === "XML";
      continue;
    }
    const eq = line.indexOf("=");
    if (inXml && eq > 0) settings[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return settings;
}

/**
 * Runs the command against `store` (changing it in place) as the program in `programDir` would:
 * a relative INI path is resolved against it. Returns what a test may want to know of the run.
 */
export async function runXml(command: XmlCommand, store: Store, programDir: string): Promise<Invocation> {
  const ini = resolve(programDir, command.ini);
  const settings = xmlSection(await Deno.readFile(ini));
  const invocation: Invocation = { user: command.user, ini, settings, packs: [], answered: false };
  const { faults } = store.file;
  const spared = faults.sparing > 0;
  if (spared) faults.sparing--;
  if (!spared && faults.idle > 0) {
    faults.idle--;
    return invocation;
  }
  const exchanges = await inputs(settings);
  const loggedIn = command.user === store.file.user && command.password === store.file.password;
  // The unit the INI names; none answers every pack with why.
  const db = loggedIn ? unitOf(store, settings.database) : undefined;
  const refusal = loggedIn ? NO_DATABASE_NOTE : LOGIN_FAILED_NOTE;
  const validator = await schemaValidator("data", resolveXsdDir());
  const answers: [string, Uint8Array][] = [];
  for (const { input, response } of exchanges) {
    const bytes = await Deno.readFile(input);
    if (!db) {
      const model = {
        id: "",
        state: "error" as const,
        note: refusal,
        programVersion: PROGRAM_VERSION,
        ico: "",
        items: [],
      };
      answers.push([response, encodeWindows1250(renderResponsePack(model))]);
      invocation.packs.push({ file: input, itemIds: [], schemaIssues: 0 });
      continue;
    }
    const result = importDataPack(bytes, {
      db,
      validator,
      checkDuplicity: settings.check_duplicity === "1",
      faults: {},
    });
    answers.push([response, encodeWindows1250(renderResponsePack(result.model))]);
    invocation.packs.push({
      file: input,
      packId: result.packId,
      itemIds: result.itemIds,
      schemaIssues: result.schemaIssues?.length ?? 0,
    });
  }
  if (!spared && faults.unanswered > 0) {
    faults.unanswered--;
    return invocation;
  }
  for (const [path, bytes] of answers) await Deno.writeFile(path, bytes);
  invocation.answered = true;
  return invocation;
}

/** Every pack the INI names, with where its answer goes (reference §19), in name order. */
async function inputs(settings: Record<string, string>): Promise<{ input: string; response: string }[]> {
  if (settings.input_xml) {
    const response = settings.response_xml ??
      join(dirname(settings.input_xml), "response", basename(settings.input_xml));
    return [{ input: settings.input_xml, response }];
  }
  const dir = settings.input_dir;
  if (!dir) throw new Error("the INI names neither input_xml nor input_dir");
  const responseDir = settings.response_dir ?? join(dir, "response");
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.toLowerCase().endsWith(".xml")) names.push(entry.name);
  }
  return names.sort().map((name) => ({ input: join(dir, name), response: join(responseDir, name) }));
}

function dirname(path: string): string {
  return resolve(path, "..");
}
