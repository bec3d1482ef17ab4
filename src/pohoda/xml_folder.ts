/**
 * POHODA without mServer (`[pohoda] transport = "xml-folder"`, reference §19): every pack is a file
 * in an input folder, and POHODA's answer a file of the same name in a response folder, written by
 * `Pohoda.exe /XML "<user>" "<password>" "<ini>"`. spojka starts Pohoda.exe itself when
 * `[pohoda] exe` names it (one INI per pack) and waits for it; otherwise a POHODA the user runs
 * (say, scheduled) processes the folders with the INIs spojka keeps ready.
 *
 * A pack whose answer has not come stays noted in `sent/<name>.json` with the versions of the items
 * it holds: those stay pending in the outbox and are not sent again while the answer is awaited.
 * A later run settles them from the answer through the same posting code; without an answer a pack
 * is sent again after `resend_after_minutes` (or, when spojka starts POHODA, POHODA is started on
 * it again), which POHODA's batch duplicity check makes harmless.
 *
 * Files, under the configured folders (defaults inside the data folder):
 * - `<input_dir>/{partners,documents}/<name>.xml`: the packs; `<response_dir>/…/<name>.xml`: answers.
 * - `pohoda-xml/partners.ini`, `pohoda-xml/documents.ini`: for a POHODA the user runs, partners
 *   first. Two, since partners are upserts sent without the duplicity check (see `post.ts`).
 * - `pohoda-xml/sent/<name>.ini` (the INI spojka starts Pohoda.exe with) and `<name>.json`.
 *
 * No INI holds a secret: the user and password go on Pohoda.exe's command line.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError, ServiceError } from "../core/errors.ts";
import { exists, removeIfExists, removeLeftovers, TEMP_SUFFIX, writeFileAtomic } from "../core/files.ts";
import { redactBytes } from "../core/redact.ts";
import { storageError } from "../core/storage.ts";
import type { PohodaConfig } from "./config.ts";
import { NS } from "./namespaces.ts";
import { runPohodaExe } from "./pohoda_exe.ts";
import { NotAResponseError, parseResponse } from "./response.ts";
import type {
  Earlier,
  EarlierAnswer,
  LaterAnswers,
  PohodaTransport,
  SentItem,
  TransportCheck,
  TransportContext,
} from "./transport.ts";
import { databaseYear } from "./units.ts";
import { iniBytes, type XmlIni } from "./xml_ini.ts";
import { m } from "../i18n/mod.ts";

/**
 * The packs POHODA checks for duplicity (documents, create-only) and those it must not (partners,
 * upserts): they go to folders of their own, since an INI switches the check for a whole folder.
 */
type Group = "partners" | "documents";
const GROUPS: readonly Group[] = ["partners", "documents"];

/** A pack in the folders, named by the run that wrote it and its place in that run. */
interface Exchange {
  name: string;
  group: Group;
  /** Pohoda.exe had not exited when spojka stopped waiting for it. */
  leftRunning?: boolean;
  /** Why its answer is missing, when Pohoda.exe failed to write it. */
  failure?: ServiceError;
}

/** `sent/<name>.json`: a pack whose answer is awaited. */
const manifestSchema = z.object({
  name: z.string(),
  group: z.enum(GROUPS),
  sentAt: z.iso.datetime(),
  leftRunning: z.boolean().optional(),
  items: z.array(z.object({ key: z.string(), version: z.string(), rank: z.number() })),
});
type Manifest = z.output<typeof manifestSchema>;

/** Names spojka gives its packs: `<run start>-<4 characters>-<number>`, sorting as they were sent. */
const PACK_NAME = /^\d{4}(?:-\d{2}){5}-[0-9a-z]{4}-\d{4,}\.xml$/;

/** What stands for an answer POHODA has not written yet: a valid answer that mentions no item. */
const AWAITED = `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<rsp:responsePack xmlns:rsp="${NS.rsp}" version="2.0" id="" state="ok"/>\n`;

/** What becomes of an earlier pack: its answer is settled, POHODA is started on it again, it waits, or its items go anew. */
type Next =
  | { kind: "answer"; answer: Uint8Array }
  | { kind: "start again" }
  | { kind: "await" }
  | { kind: "send again"; why: string };

/** Where everything is. */
interface Folders {
  input: string;
  response: string;
  /** spojka's own: the folder INIs. */
  base: string;
  /** spojka's own: the INIs and notes of single packs. */
  sent: string;
}

/** Packs as files for `Pohoda.exe /XML`. */
export class XmlFolder implements PohodaTransport, LaterAnswers {
  readonly service = "POHODA (Pohoda.exe /XML)";
  readonly later: LaterAnswers = this;
  readonly #config: PohodaConfig;
  readonly #context: TransportContext;
  readonly #folders: Folders;
  readonly #database: string;
  #packs = 0;
  /** Placeholders of answers not written yet, and the packs they stand for. */
  readonly #awaited = new WeakMap<Uint8Array, Exchange>();
  /** Answers handed out, and their packs. */
  readonly #answers = new WeakMap<Uint8Array, Exchange>();
  /** Answers of packs POHODA was started on again. */
  readonly #retried = new WeakSet<Uint8Array>();
  /** Why Pohoda.exe is not started again on this run. */
  #stopped?: ServiceError;

  constructor(config: PohodaConfig, context: TransportContext) {
    this.#config = config;
    this.#context = context;
    const base = join(context.dataDir, "pohoda-xml");
    this.#folders = {
      input: resolve(context.dataDir, config.input_dir ?? join(base, "in")),
      response: resolve(context.dataDir, config.response_dir ?? join(base, "out")),
      base,
      sent: join(base, "sent"),
    };
    this.#database = config.database ?? `StwPh_${config.ico}_${new Date().getFullYear()}`;
  }

  /**
   * Makes the folders and the INIs for a POHODA the user runs, and checks what can be checked
   * without POHODA: the program, and that the database is the configured IČO's. The user and
   * password are checked by POHODA on the first import.
   */
  async check(): Promise<TransportCheck> {
    const { exe, ico } = this.#config;
    const unitIco = /^StwPh_(\d+)_\d{4}$/i.exec(this.#database)?.[1];
    if (unitIco !== undefined && unitIco !== ico) {
      throw new ConfigError(m.pohodaLink.otherUnit(this.#database, unitIco, ico), {
        hint: m.pohodaLink.otherUnitHint(`StwPh_${ico}_${new Date().getFullYear()}`),
      });
    }
    if (this.#folders.input === this.#folders.response) {
      // An answer would take its pack's name, in place of the pack.
      throw new ConfigError(m.pohodaLink.sameFolder(this.#folders.input), {
        hint: m.pohodaLink.sameFolderHint,
      });
    }
    for (const group of GROUPS) {
      await makeFolder(join(this.#folders.input, group));
      await makeFolder(join(this.#folders.response, group));
    }
    await makeFolder(this.#folders.sent);
    for (const group of GROUPS) {
      await writeFileAtomic(
        this.#folderIni(group),
        iniBytes(this.#ini({
          inputDir: join(this.#folders.input, group),
          responseDir: join(this.#folders.response, group),
        }, group)),
      );
    }
    const where = m.pohodaLink.where(this.#folders.input, this.#folders.response);
    if (!exe) {
      return {
        summary: m.pohodaLink.runYourself(where, this.#folderIni("partners"), this.#folderIni("documents")),
        notes: [],
        ...this.#year(),
      };
    }
    await this.#checkProgram(exe);
    return {
      summary: m.pohodaLink.startsExe(exe, this.#database, where),
      notes: [],
      ...this.#year(),
    };
  }

  /** The year of the database, as its name `StwPh_<IČO>_<year>` says. */
  #year(): { year?: number } {
    const year = databaseYear(this.#database);
    return year === undefined ? {} : { year };
  }

  async #checkProgram(exe: string): Promise<void> {
    const info = await Deno.stat(exe).catch((e) => {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    });
    if (!info?.isFile) {
      throw new ConfigError(m.pohodaLink.notAProgram(exe, info !== undefined), {
        hint: m.pohodaLink.exeHint,
      });
    }
    // POHODA takes its arguments by quotes ([unverified] beyond the documented example), so a quote
    // inside the user or password would end the argument early.
    if (this.#config.user.includes('"') || this.#config.password.reveal().includes('"')) {
      throw new ConfigError(m.pohodaLink.quote, { hint: m.pohodaLink.quoteHint });
    }
  }

  /** Writes the pack; starts Pohoda.exe on it when spojka is to, and resolves to its answer. */
  async post(pack: Uint8Array<ArrayBuffer>, checkDuplicity: boolean): Promise<Uint8Array> {
    if (this.#stopped) throw this.#stopped;
    const exchange: Exchange = {
      name: `${this.#context.runId}-${String(++this.#packs).padStart(4, "0")}`,
      group: checkDuplicity ? "documents" : "partners",
    };
    await writeFileAtomic(this.#paths(exchange).pack, pack);
    this.#context.log.detail(m.pohodaFiles.wrote(this.#paths(exchange).pack));
    return this.#config.exe ? await this.#start(exchange) : this.#placeholder(exchange);
  }

  /** Starts Pohoda.exe on the pack and resolves to its answer, or to a placeholder when it wrote none. */
  async #start(exchange: Exchange): Promise<Uint8Array> {
    const paths = this.#paths(exchange);
    const { exe, user, password, exe_timeout_seconds: seconds } = this.#config;
    await writeFileAtomic(
      paths.ini,
      iniBytes(this.#ini({ inputXml: paths.pack, responseXml: paths.answer }, exchange.group)),
    );
    // Whatever is there is from an earlier start: the answer read must be this start's.
    await removeIfExists(paths.answer);
    this.#context.log.detail(m.pohodaFiles.starting(exe!, paths.ini));
    const end = await runPohodaExe({
      exe: exe!,
      user,
      password: password.reveal(),
      ini: paths.ini,
      timeoutMs: seconds * 1000,
    });
    const answer = await readIfThere(paths.answer);
    if (answer) {
      this.#answers.set(answer, exchange);
      return answer;
    }
    exchange.leftRunning = !end.exited;
    exchange.failure = this.#stopped = end.exited
      ? new ServiceError(m.pohodaLink.exeEnded(end.code, paths.answer), {
        hint: m.pohodaLink.exeEndedHint(`"${exe}" /XML "<user>" "<password>" "${paths.ini}"`),
      })
      : new ServiceError(m.pohodaLink.exeRunning(seconds), {
        hint: m.pohodaLink.exeRunningHint(this.#config.resend_after_minutes),
      });
    return this.#placeholder(exchange);
  }

  answeredAfterRetry(answer: Uint8Array): boolean {
    return this.#retried.has(answer);
  }

  isAwaited(answer: Uint8Array): boolean {
    return this.#awaited.has(answer);
  }

  async await(answer: Uint8Array, items: readonly SentItem[]): Promise<void> {
    const exchange = this.#awaited.get(answer);
    if (!exchange) throw new Error("await() of an answer that is not awaited");
    const manifest: Manifest = {
      name: exchange.name,
      group: exchange.group,
      sentAt: new Date().toISOString(),
      ...(exchange.leftRunning ? { leftRunning: true } : {}),
      items: [...items],
    };
    await writeFileAtomic(this.#paths(exchange).manifest, JSON.stringify(manifest));
    if (exchange.failure) throw exchange.failure;
  }

  async settled(answer: Uint8Array): Promise<void> {
    const exchange = this.#answers.get(answer);
    if (exchange) await this.#remove(exchange);
  }

  async earlier(): Promise<Earlier> {
    // What a write cut short by a crash left.
    for (const dir of [this.#folders.sent, ...GROUPS.map((group) => join(this.#folders.input, group))]) {
      await removeLeftovers(dir, [TEMP_SUFFIX]);
    }
    const answers: EarlierAnswer[] = [];
    const awaited: SentItem[] = [];
    const live = new Set<string>();
    for (const manifest of await this.#manifests()) {
      const next = await this.#next(manifest);
      if (next.kind === "send again") {
        this.#context.log.info(m.pohodaLink.sendAgain(next.why, manifest.items.length));
        await this.#remove(manifest);
        continue;
      }
      if (next.kind === "await") awaited.push(...manifest.items);
      else answers.push(this.#earlierAnswer(manifest, next.kind === "answer" ? next.answer : undefined));
      live.add(manifest.name);
    }
    await this.#removeStrays(live);
    return { answers, awaited };
  }

  /** What becomes of an earlier pack on this run. */
  async #next(manifest: Manifest): Promise<Next> {
    const paths = this.#paths(manifest);
    const answer = await readIfThere(paths.answer);
    const problem = answer && unreadable(answer);
    if (answer && !problem) return { kind: "answer", answer };
    if (!(await exists(paths.pack))) {
      return { kind: "send again", why: m.pohodaLink.packGone(paths.pack) };
    }
    const minutes = this.#config.resend_after_minutes;
    const overdue = Date.now() - Date.parse(manifest.sentAt) >= minutes * 60_000;
    // A POHODA spojka started and that ended is started again at once; one left running gets its time.
    if (this.#config.exe && !manifest.leftRunning) return { kind: "start again" };
    if (!overdue) return { kind: "await" };
    const unread = problem ? m.pohodaLink.notAnswer(paths.answer, problem) : "";
    return {
      kind: "send again",
      why: m.pohodaLink.notAnswered(paths.pack, minutes, unread),
    };
  }

  /** An earlier pack to settle; `answer` as POHODA wrote it, or none yet (Pohoda.exe is started on it again). */
  #earlierAnswer(exchange: Exchange & { items: SentItem[] }, answer?: Uint8Array): EarlierAnswer {
    let handedOut = false;
    return {
      items: exchange.items,
      send: async (pack, checkDuplicity) => {
        if (handedOut) return await this.post(pack, checkDuplicity);
        handedOut = true;
        if (answer) {
          this.#answers.set(answer, exchange);
          return answer;
        }
        if (this.#stopped) throw this.#stopped;
        const got = await this.#start({ name: exchange.name, group: exchange.group });
        if (!this.isAwaited(got)) this.#retried.add(got);
        return got;
      },
      forget: () => handedOut ? Promise.resolve() : this.#remove(exchange),
    };
  }

  /** The notes of packs whose answer is awaited, oldest first; one that cannot be read is dropped. */
  async #manifests(): Promise<Manifest[]> {
    const found: Manifest[] = [];
    for (const name of await fileNames(this.#folders.sent)) {
      if (!name.endsWith(".json")) continue;
      const path = join(this.#folders.sent, name);
      let manifest: Manifest;
      try {
        manifest = manifestSchema.parse(JSON.parse(await Deno.readTextFile(path)));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) continue;
        // Its items stay pending and are simply sent again.
        this.#context.log.warn(m.pohodaLink.unreadable(path, (e as Error).message));
        await removeIfExists(path);
        continue;
      }
      found.push(manifest);
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Removes packs and answers of spojka's that no awaited pack owns: left by a run that ended
   * between writing a pack and noting it, or answers to packs sent again since. Their items are
   * still pending, and go again.
   */
  async #removeStrays(live: ReadonlySet<string>): Promise<void> {
    for (const group of GROUPS) {
      for (const folder of [this.#folders.input, this.#folders.response]) {
        const dir = join(folder, group);
        for (const name of await fileNames(dir)) {
          if (PACK_NAME.test(name) && !live.has(name.slice(0, -4))) await removeIfExists(join(dir, name));
        }
      }
    }
    for (const name of await fileNames(this.#folders.sent)) {
      if (name.endsWith(".ini") && !live.has(name.slice(0, -4))) {
        await removeIfExists(join(this.#folders.sent, name));
      }
    }
  }

  async #remove(exchange: Exchange): Promise<void> {
    for (const path of Object.values(this.#paths(exchange))) await removeIfExists(path);
  }

  #placeholder(exchange: Exchange): Uint8Array {
    const bytes = new TextEncoder().encode(AWAITED);
    this.#awaited.set(bytes, exchange);
    return bytes;
  }

  #paths({ name, group }: Exchange) {
    return {
      pack: join(this.#folders.input, group, `${name}.xml`),
      answer: join(this.#folders.response, group, `${name}.xml`),
      ini: join(this.#folders.sent, `${name}.ini`),
      manifest: join(this.#folders.sent, `${name}.json`),
    };
  }

  #folderIni(group: Group): string {
    return join(this.#folders.base, `${group}.ini`);
  }

  #ini(exchange: XmlIni["exchange"], group: Group): XmlIni {
    return { exchange, database: this.#database, checkDuplicity: group === "documents" };
  }
}

/** Why `bytes` is not (yet) a POHODA answer, if it is not: POHODA may still be writing it. */
function unreadable(bytes: Uint8Array): string | undefined {
  try {
    parseResponse(bytes);
    return undefined;
  } catch (e) {
    if (e instanceof NotAResponseError) return e.message;
    throw e;
  }
}

/** The file's bytes, with any secret POHODA might echo masked; `undefined` when it is not there. */
async function readIfThere(path: string): Promise<Uint8Array | undefined> {
  try {
    return redactBytes(await Deno.readFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw storageError(e, path) ?? e;
  }
}

/** The names of the files in `dir`; none when it is not there. */
async function fileNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.isFile) names.push(entry.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return names;
}

async function makeFolder(path: string): Promise<void> {
  try {
    await Deno.mkdir(path, { recursive: true });
  } catch (e) {
    throw storageError(e, path) ?? e;
  }
}
