/**
 * Full exports of large datasets, generated once and kept on disk: the export of 100 000 documents
 * is about 240 MB of XML, too much to build in memory on every request of every benchmark run. The
 * XML is written item by item, zipped file to file, and the server streams the zip from disk.
 *
 * A cached export is named by everything its bytes depend on: the dataset's options, the export
 * kind, encoding and file name, and the source code of the generator. So a file on disk is never
 * stale, and equal runs share it. Only a dataset still holding its generated history alone can be
 * cached (`FlowiiDataset.changed` is false): added or touched records are not in its options.
 *
 * One export per kind, size and encoding is kept: writing one removes the others of the same kind,
 * size and encoding (written by an older generator, say), so the folder does not grow without end.
 *
 * @module
 */

import { join } from "node:path";
import type { XmlEncoding } from "../xml.ts";
import type { FlowiiDataset } from "./dataset.ts";
import type { ExportKind } from "./export.ts";
import { documentsExportChunks, partnersExportChunks } from "./pohoda_xml.ts";
import { zipFileTo } from "./zip.ts";

/** One full export on disk. */
export interface CachedExport {
  /** The XML file (for references such as `xmllint`). */
  xmlPath: string;
  xmlBytes: number;
  /** The zip FLOWii serves, holding the XML under `entryName`. */
  zipPath: string;
  zipBytes: number;
  entryName: string;
}

/** Full exports in one folder, shared by every emulator and process that uses the folder. */
export class ExportCache {
  /** The folder; created on first use. */
  readonly dir: string;
  readonly #pending = new Map<string, Promise<CachedExport>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * The export of every record of `kind` as FLOWii would serve it with the XML named `entryName`,
   * written to disk on first use. Throws for a changed dataset and for an empty export (which is a
   * zip without entries, not worth a file).
   */
  async get(
    dataset: FlowiiDataset,
    kind: ExportKind,
    encoding: XmlEncoding,
    entryName: string,
  ): Promise<CachedExport> {
    if (dataset.changed) throw new Error("only a dataset holding its generated history alone can be cached");
    if (dataset[kind].length === 0) throw new Error(`the dataset has no ${kind}`);
    const identity = JSON.stringify({ options: dataset.options, kind, encoding, entryName });
    // Requests for the same export while it is being written wait for that one writing.
    let entry = this.#pending.get(identity);
    if (!entry) {
      entry = this.#load(dataset, kind, encoding, entryName, identity);
      entry.catch(() => this.#pending.delete(identity));
      this.#pending.set(identity, entry);
    }
    return await entry;
  }

  async #load(
    dataset: FlowiiDataset,
    kind: ExportKind,
    encoding: XmlEncoding,
    entryName: string,
    identity: string,
  ): Promise<CachedExport> {
    const digest = await sha256(`${await generatorDigest()}\n${identity}`);
    const family = `${kind}-${dataset[kind].length}-${encoding}-`;
    const base = join(this.dir, `${family}${digest.slice(0, 16)}`);
    const xmlPath = `${base}.xml`;
    const zipPath = `${base}.zip`;
    const cached = await size(xmlPath) !== undefined && await size(zipPath) !== undefined;
    if (!cached) {
      await Deno.mkdir(this.dir, { recursive: true });
      const { company, partners, documents } = dataset;
      const chunks = kind === "partners"
        ? partnersExportChunks(partners, { encoding, company })
        : documentsExportChunks(documents, { encoding, company, partners });
      // Written under temporary names and renamed when complete, so an interrupted run (or another
      // process writing the same export) never leaves a partial file under the final name.
      await writeAtomically(xmlPath, (path) => ReadableStream.from(chunks).pipeTo(fileWritable(path)));
      await writeAtomically(zipPath, (path) => zipFileTo(xmlPath, entryName, path));
      await removeOthers(this.dir, family, [xmlPath, zipPath]);
    }
    return {
      xmlPath,
      xmlBytes: (await size(xmlPath))!,
      zipPath,
      zipBytes: (await size(zipPath))!,
      entryName,
    };
  }
}

/** Removes the finished exports named `family…` other than `keep` (files being written end in .tmp). */
async function removeOthers(dir: string, family: string, keep: string[]): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (!entry.name.startsWith(family) || !/\.(xml|zip)$/.test(entry.name) || keep.includes(path)) continue;
    // Best effort: another process may be removing the same file.
    await Deno.remove(path).catch(() => {});
  }
}

async function writeAtomically(path: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await write(temporary);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

function fileWritable(path: string): WritableStream<Uint8Array> {
  // The file is opened when the stream starts and closed by the stream when it ends.
  let file: Deno.FsFile | undefined;
  return new WritableStream({
    start: async () => {
      file = await Deno.open(path, { write: true, create: true, truncate: true });
    },
    write: async (chunk) => {
      for (let done = 0; done < chunk.length;) done += await file!.write(chunk.subarray(done));
    },
    close: () => file!.close(),
    abort: () => file!.close(),
  });
}

async function size(path: string): Promise<number | undefined> {
  try {
    return (await Deno.stat(path)).size;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function sha256(text: string): Promise<string> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toHex();
}

let generatorSource: Promise<string> | undefined;

/**
 * A digest of the code that decides an export's bytes: this folder's modules and the XML writer
 * they use. A change to the generator therefore names new files instead of serving old ones.
 */
function generatorDigest(): Promise<string> {
  generatorSource ??= (async () => {
    const here = new URL("./", import.meta.url);
    const own = [...Deno.readDirSync(here)]
      .map((entry) => entry.name)
      .filter((name) => name.endsWith(".ts") && !name.endsWith("_test.ts"))
      .sort()
      .map((name) => new URL(name, here));
    const shared = ["../xml.ts", "../cp1250.ts", "../pohoda_ns.ts"].map((name) => new URL(name, here));
    const texts = await Promise.all([...own, ...shared].map((url) => Deno.readTextFile(url)));
    return sha256(texts.join("\u0000"));
  })();
  return generatorSource;
}
