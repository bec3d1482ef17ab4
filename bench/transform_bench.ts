/**
 * The transform stage against libxml2's streaming reader: `xmllint --stream --noout` and spojka's
 * streaming path (file → decodeXmlStream → transformStream, the way a dry run reads an export) over
 * the same documents export, in UTF-8 and windows-1250. Splitting alone (decode → readXmlItems) is
 * timed beside it, and so is the transform with its items built into packs (windows-1250, every field
 * checked) in memory: the work every dry run must do, without the zip, the outbox or any file, so the
 * floor under `sync --dry-run`'s ratio. Then the resident memory of a large export streamed from a
 * file, measured in a fresh process: it must stay flat, whatever the size of the export.
 *
 * Run: `deno run --allow-all bench/transform_bench.ts [--sizes 10000] [--memory 100000]`
 * (`--memory 0` leaves the memory run out). Without xmllint it runs
 * `apt-get update && apt-get install -y libxml2-utils` (Debian, as root), else that column says n/a.
 *
 * @module
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateDataset } from "../tests/emulators/flowii/dataset.ts";
import { documentsExportChunks } from "../tests/emulators/flowii/pohoda_xml.ts";
import type { XmlEncoding } from "../tests/emulators/xml.ts";
import { decodeXmlStream } from "../src/pohoda/encoding.ts";
import { type PohodaItem, transformStream } from "../src/pohoda/transform.ts";
import { readXmlItems } from "../src/pohoda/xmlstream.ts";
import type { PostItem, PostPlan } from "../src/pohoda/post.ts";

/** Speed on one export file; times are the best of {@linkcode RUNS}, in milliseconds. */
export interface SpeedFigures {
  documents: number;
  encoding: XmlEncoding;
  bytes: number;
  /** `xmllint --stream --noout`; undefined without xmllint. */
  xmllintMs: number | undefined;
  /** Reading, decoding and splitting into trees (readXmlItems), no transform. */
  splitMs: number;
  /** Reading, decoding, splitting and transforming into items (transformStream). */
  transformMs: number;
  /** `transformMs / xmllintMs`. */
  ratio: number | undefined;
  /** The transform with its items built into packs in memory (`packs` of `post.ts`, `[pohoda]`'s default caps). */
  packedMs: number;
  /** `packedMs / xmllintMs`. */
  packedRatio: number | undefined;
  /** Bytes of XML per second through the whole transform, in MB/s (10⁶ bytes). */
  transformMBps: number;
  splitMBps: number;
}

/** Resident memory of one export streamed from a file through transformStream, in a fresh process. */
export interface MemoryFigures {
  documents: number;
  bytes: number;
  /** Resident set before the export is opened. */
  rssBeforeBytes: number;
  /** The highest resident set seen while it was transformed. */
  rssPeakBytes: number;
  /** The resident set after each quarter of the items. */
  rssByQuarter: number[];
  items: number;
  ms: number;
}

/** Options of {@linkcode benchTransform}. */
export interface TransformBenchOptions {
  /** Document counts of the exports timed against xmllint. Default [10 000]. */
  sizes?: readonly number[];
  /** Documents of the export whose memory is measured; 0 for none. Default 100 000. */
  memoryDocuments?: number;
  /** Progress lines; default stderr. */
  progress?: (line: string) => void;
}

const RUNS = 5;
const ENCODINGS: readonly XmlEncoding[] = ["utf-8", "windows-1250"];
const OPTIONS = { extSystem: "FLOWii", unsupportedCharacters: "reject", maxItemChars: 16 * 2 ** 20 } as const;

/** Times the transform against xmllint per size and encoding, and measures memory on a large export. */
export async function benchTransform(
  options: TransformBenchOptions = {},
): Promise<{ speed: SpeedFigures[]; memory: MemoryFigures | undefined }> {
  const { sizes = [10_000], memoryDocuments = 100_000 } = options;
  const progress = options.progress ?? ((line: string) => console.error(line));
  const dir = await Deno.makeTempDir({ prefix: "spojka-transform-bench-" });
  try {
    const lint = await ensureXmllint(progress);
    const speed: SpeedFigures[] = [];
    for (const documents of sizes) {
      const files = [];
      for (const encoding of ENCODINGS) {
        progress(`${documents} documents, ${encoding}: generating the export`);
        files.push({ documents, encoding, ...await writeExport(dir, documents, encoding) });
      }
      progress(`${documents} documents: timing (${RUNS} runs each)`);
      speed.push(...await timeFiles(files, lint));
      for (const { path } of files) await Deno.remove(path);
    }
    let memory: MemoryFigures | undefined;
    if (memoryDocuments > 0) {
      progress(`${memoryDocuments} documents: generating the export`);
      const { path, bytes } = await writeExport(dir, memoryDocuments, "utf-8");
      progress(`${memoryDocuments} documents: streaming it in a fresh process`);
      memory = { documents: memoryDocuments, bytes, ...await measureMemoryIn(path) };
    }
    return { speed, memory };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Writes the documents export of a generated dataset, chunk by chunk (it may not fit in memory twice). */
async function writeExport(
  dir: string,
  documents: number,
  encoding: XmlEncoding,
): Promise<{ path: string; bytes: number }> {
  const dataset = generateDataset({
    seed: 42,
    partners: Math.max(1, Math.round(documents / 5)),
    documents,
    start: new Date("2026-01-01T00:00:00Z"),
  });
  const path = join(dir, `documents-${documents}-${encoding}.xml`);
  let bytes = 0;
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  for (
    const chunk of documentsExportChunks(dataset.documents, {
      encoding,
      company: dataset.company,
      partners: dataset.partners,
    })
  ) {
    bytes += chunk.length;
    for (let written = 0; written < chunk.length;) written += await file.write(chunk.subarray(written));
  }
  return { path, bytes };
}

/**
 * xmllint, split and transform on each file, the best of {@linkcode RUNS}; all interleaved, so that
 * a machine busy with something else for a while weighs on all alike.
 */
async function timeFiles(
  files: { path: string; documents: number; encoding: XmlEncoding; bytes: number }[],
  lint: boolean,
): Promise<SpeedFigures[]> {
  const best = files.map(() => ({
    xmllintMs: Infinity,
    splitMs: Infinity,
    transformMs: Infinity,
    packedMs: Infinity,
  }));
  for (let run = 0; run < RUNS; run++) {
    for (const [i, { path, documents }] of files.entries()) {
      if (lint) best[i].xmllintMs = Math.min(best[i].xmllintMs, await timeXmllint(path));
      best[i].splitMs = Math.min(best[i].splitMs, await timed(() => split(path, documents)));
      best[i].transformMs = Math.min(best[i].transformMs, await timed(() => transform(path, documents)));
      best[i].packedMs = Math.min(best[i].packedMs, await timed(() => packed(path, documents)));
    }
  }
  return files.map(({ documents, encoding, bytes }, i) => {
    const { xmllintMs, splitMs, transformMs, packedMs } = best[i];
    return {
      documents,
      encoding,
      bytes,
      xmllintMs: lint ? xmllintMs : undefined,
      splitMs,
      transformMs,
      ratio: lint ? transformMs / xmllintMs : undefined,
      packedMs,
      packedRatio: lint ? packedMs / xmllintMs : undefined,
      transformMBps: bytes / 1e3 / transformMs,
      splitMBps: bytes / 1e3 / splitMs,
    };
  });
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function timeXmllint(path: string): Promise<number> {
  const started = performance.now();
  const output = await new Deno.Command("xmllint", { args: ["--stream", "--noout", path], stdout: "null" })
    .output();
  const ms = performance.now() - started;
  if (!output.success) {
    throw new Error(`xmllint failed on ${path}: ${new TextDecoder().decode(output.stderr)}`);
  }
  return ms;
}

/** Whether xmllint runs, installing it with apt-get if it does not. */
async function ensureXmllint(progress: (line: string) => void): Promise<boolean> {
  const runs = async (command: string, args: string[]) => {
    try {
      return (await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output()).success;
    } catch {
      return false;
    }
  };
  if (await runs("xmllint", ["--version"])) return true;
  progress("xmllint is missing: apt-get install -y libxml2-utils");
  await runs("sh", ["-c", "apt-get update && apt-get install -y libxml2-utils"]);
  if (await runs("xmllint", ["--version"])) return true;
  progress("xmllint could not be installed: its column says n/a");
  return false;
}

async function* decodedFile(path: string): AsyncGenerator<string> {
  const file = await Deno.open(path);
  yield* decodeXmlStream(file.readable);
}

async function split(path: string, documents: number): Promise<void> {
  let items = 0;
  for await (const event of readXmlItems(decodedFile(path), OPTIONS)) if (event.kind === "item") items++;
  if (items !== documents) throw new Error(`${path}: ${items} items, expected ${documents}`);
}

/** The transform of the export at `path`, each item handed to `take` (if given). */
async function transform(path: string, documents: number, take?: (item: PohodaItem) => void): Promise<void> {
  let items = 0;
  for await (const event of transformStream(decodedFile(path), OPTIONS)) {
    if (event.kind !== "item") continue;
    items++;
    take?.(event.item);
  }
  if (items !== documents) throw new Error(`${path}: ${items} items, expected ${documents}`);
}

/**
 * The transform, its items built into packs a few at a time (as posting builds them from the outbox),
 * under `[pohoda]`'s default caps. The pack modules load only here: the memory run, in a process of
 * its own, loads no more than the transform.
 */
async function packed(path: string, documents: number): Promise<void> {
  const [{ pohodaSchema }, { packs }] = await Promise.all([
    import("../src/pohoda/config.ts"),
    import("../src/pohoda/post.ts"),
  ]);
  const plan: PostPlan = {
    ico: "12345678",
    maxItems: pohodaSchema.shape.batch_size.parse(undefined),
    maxBytes: pohodaSchema.shape.batch_max_kb.parse(undefined) * 1024,
    packId: (group) => `bench-${group}`,
    note: "bench",
    unsupportedCharacters: "reject",
  };
  let items = 0;
  let waiting: PostItem[] = [];
  const pack = () => {
    for (const built of packs(waiting, plan)) items += built.itemIds.length;
    waiting = [];
  };
  await transform(path, documents, ({ key, itemId, agenda, xml }) => {
    waiting.push({ key, itemId, agenda, payload: xml });
    if (waiting.length === plan.maxItems * 10) pack();
  });
  pack();
  if (items !== documents) throw new Error(`${path}: ${items} items packed, expected ${documents}`);
}

/** Runs {@linkcode measureMemory} in a fresh process, so that nothing of this one is counted. */
async function measureMemoryIn(path: string): Promise<Omit<MemoryFigures, "documents" | "bytes">> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(import.meta.url).pathname, "--measure-memory", path],
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error("the memory run failed");
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

/** Transforms the export at `path`, watching the resident set. */
async function measureMemory(path: string): Promise<Omit<MemoryFigures, "documents" | "bytes">> {
  const rss = () => Deno.memoryUsage().rss;
  const started = performance.now();
  const rssBeforeBytes = rss();
  let rssPeakBytes = rssBeforeBytes;
  const samples: [number, number][] = [];
  let items = 0;
  for await (const event of transformStream(decodedFile(path), OPTIONS)) {
    if (event.kind === "item" && ++items % 500 === 0) {
      const now = rss();
      rssPeakBytes = Math.max(rssPeakBytes, now);
      samples.push([items, now]);
    }
  }
  const rssByQuarter = [1, 2, 3, 4].map((q) =>
    samples.findLast(([n]) => n <= (items * q) / 4)?.[1] ?? rssBeforeBytes
  );
  return { rssBeforeBytes, rssPeakBytes, rssByQuarter, items, ms: performance.now() - started };
}

/** The figures as the lines printed. */
export function formatTransformBench(speed: SpeedFigures[], memory: MemoryFigures | undefined): string[] {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const s = (ms: number | undefined) => ms === undefined ? "n/a" : (ms / 1000).toFixed(2);
  const ratio = (r: number | undefined) => (r === undefined ? "n/a" : `${r.toFixed(2)}×`).padStart(10);
  const lines = [
    `transform: spojka's streaming path vs xmllint --stream --noout on the same file (best of ${RUNS}); ` +
    "+ packs: its items also built into packs in memory, the floor under the dry run's ratio",
    "documents  encoding      XML MB  xmllint s  split s  split MB/s  transform s  transform MB/s  vs xmllint" +
    "  + packs s  vs xmllint",
    ...speed.map((f) =>
      [
        String(f.documents).padStart(9),
        f.encoding.padEnd(12),
        mb(f.bytes).padStart(7),
        s(f.xmllintMs).padStart(9),
        s(f.splitMs).padStart(7),
        f.splitMBps.toFixed(0).padStart(10),
        s(f.transformMs).padStart(11),
        f.transformMBps.toFixed(0).padStart(14),
        ratio(f.ratio),
        s(f.packedMs).padStart(9),
        ratio(f.packedRatio),
      ].join("  ")
    ),
  ];
  if (memory) {
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    lines.push(
      `memory: ${memory.documents} documents (${mb(memory.bytes)} MB of UTF-8 XML) streamed from a file in ` +
        `${s(memory.ms)} s: RSS ${mib(memory.rssBeforeBytes)} before, peak ${mib(memory.rssPeakBytes)} ` +
        `(+${mib(memory.rssPeakBytes - memory.rssBeforeBytes)}); after each quarter of the items ` +
        memory.rssByQuarter.map(mib).join(", "),
    );
  }
  return lines;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { sizes: { type: "string" }, memory: { type: "string" }, "measure-memory": { type: "string" } },
  });
  if (values["measure-memory"]) {
    console.log(JSON.stringify(await measureMemory(values["measure-memory"])));
  } else {
    const { speed, memory } = await benchTransform({
      sizes: values.sizes?.split(",").map(Number),
      memoryDocuments: values.memory === undefined ? undefined : Number(values.memory),
    });
    for (const line of formatTransformBench(speed, memory)) console.log(line);
  }
}
