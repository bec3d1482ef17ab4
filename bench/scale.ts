/**
 * FLOWii → POHODA at scale: a seeded FLOWii account of N documents and N/5 partners, spojka's
 * `sync --dry-run` beside `xmllint --stream` on the same XML, and a first `sync` into an empty
 * POHODA, with its peak memory and a check that everything arrived exactly once. The emulators run
 * in this process; spojka in its own.
 *
 * @module
 */

import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FlowiiDataset, generateDataset } from "../tests/emulators/flowii/dataset.ts";
import type { CachedExport } from "../tests/emulators/flowii/export_cache.ts";
import type { MServerOptions } from "../tests/emulators/mserver/mod.ts";
import { startWorld, type World } from "../tests/helpers/world.ts";
import { type Landed, landed } from "./landed.ts";
import { measureCli, type MeasuredRun } from "./rss.ts";

/** Where the generated exports are kept between runs: 100 000 documents take half a minute to write. */
const CACHE_DIR = join(tmpdir(), "spojka-bench-cache");

const SEED = 42;
/** The end of the generated history and FLOWii's clock: fixed, so the cached exports stay valid. */
const START = new Date("2026-06-30T12:00:00Z");

/** Reports what the benchmark is doing. */
export type Progress = (line: string) => void;

/** The figures of one size. */
export interface SizeResult {
  documents: number;
  partners: number;
  /** Both exports, partners and documents. */
  xmlBytes: number;
  /** `xmllint --stream --noout` over both XML files; undefined without xmllint. */
  xmllintMs: number | undefined;
  dryRun: MeasuredRun;
  sync: MeasuredRun;
  /** The emulated mServer's own processing time during the sync: part of the wall time, not spojka's. */
  busyMs: number;
  landed: Landed;
}

/** The posting figures: spojka's first sync against POHODA's own processing time. */
export interface PostingResult {
  documents: number;
  partners: number;
  itemLatencyMs: number;
  sync: MeasuredRun;
  busyMs: number;
  landed: Landed;
}

/** The generated account of `documents` documents and a fifth as many partners. */
function dataset(documents: number): FlowiiDataset {
  const partners = Math.max(1, Math.round(documents / 5));
  return generateDataset({ seed: SEED, partners, documents, start: START });
}

/** Measures one size: the dry run and the first sync, each in a data folder of its own. */
export async function measureSize(documents: number, progress: Progress): Promise<SizeResult> {
  const label = `${documents} documents`;
  progress(`${label}: generating the FLOWii account`);
  const data = dataset(documents);
  const dryWorld = await benchWorld(data);
  let dryRun: MeasuredRun;
  let xmlBytes: number;
  let xmllintMs: number | undefined;
  try {
    progress(`${label}: preparing the exports (written once into ${CACHE_DIR})`);
    const exports = [
      await dryWorld.flowii.cachedExport("partners"),
      await dryWorld.flowii.cachedExport("documents"),
    ];
    xmlBytes = exports.reduce((sum, e) => sum + e.xmlBytes, 0);
    progress(`${label}: xmllint --stream --noout`);
    xmllintMs = await xmllint(exports);
    progress(`${label}: spojka sync --dry-run`);
    const packs = join(dryWorld.dir, "packs");
    dryRun = await measureCli(["--dir", dryWorld.dir, "sync", "--dry-run", "--out", packs]);
    reportFailure(dryRun, progress);
  } finally {
    await closeWorld(dryWorld);
  }

  const world = await benchWorld(data);
  try {
    progress(`${label}: spojka sync (first run, empty POHODA)`);
    const sync = await measureCli(["--dir", world.dir, "sync"]);
    reportFailure(sync, progress);
    return {
      documents,
      partners: data.partners.length,
      xmlBytes,
      xmllintMs,
      dryRun,
      sync,
      busyMs: world.mserver.busyMs,
      landed: landed(data, world.mserver.pohoda),
    };
  } finally {
    await closeWorld(world);
  }
}

/** Measures the first sync of `documents` documents against an mServer taking `itemLatencyMs` per item. */
export async function measurePosting(
  documents: number,
  itemLatencyMs: number,
  progress: Progress,
): Promise<PostingResult> {
  progress(`posting: ${documents} documents, mServer at ${itemLatencyMs} ms per item`);
  const data = dataset(documents);
  const world = await benchWorld(data, { itemLatencyMs });
  try {
    await world.flowii.cachedExport("partners");
    await world.flowii.cachedExport("documents");
    const sync = await measureCli(["--dir", world.dir, "sync"]);
    reportFailure(sync, progress);
    return {
      documents,
      partners: data.partners.length,
      itemLatencyMs,
      sync,
      busyMs: world.mserver.busyMs,
      landed: landed(data, world.mserver.pohoda),
    };
  } finally {
    await closeWorld(world);
  }
}

/**
 * The emulators for `data` and a data folder set up for them. The mServer neither validates packs
 * against the XSDs nor keeps their text: that would be the emulator's cost, not spojka's.
 */
function benchWorld(data: FlowiiDataset, mserver: Partial<MServerOptions> = {}): Promise<World> {
  return startWorld({
    flowii: { dataset: data, now: () => START.getTime(), exportCacheDir: CACHE_DIR },
    mserver: { year: START.getUTCFullYear(), validateSchema: false, retainBodies: false, ...mserver },
  });
}

async function closeWorld(world: World): Promise<void> {
  await world.close();
  await Deno.remove(world.dir, { recursive: true });
}

/**
 * Milliseconds `xmllint --stream --noout` takes over the files (the best of three runs, so the page
 * cache is warm as it is for spojka, which reads what FLOWii serves from it), or undefined when
 * xmllint is not installed.
 */
async function xmllint(exports: CachedExport[]): Promise<number | undefined> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    for (const { xmlPath } of exports) {
      let output: Deno.CommandOutput;
      try {
        output = await new Deno.Command("xmllint", {
          args: ["--stream", "--noout", xmlPath],
          stdout: "null",
          stderr: "piped",
        }).output();
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
      if (!output.success) {
        throw new Error(`xmllint failed on ${xmlPath}: ${new TextDecoder().decode(output.stderr)}`);
      }
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** A run that failed is still a figure, but the reason belongs on screen. */
function reportFailure(run: MeasuredRun, progress: Progress): void {
  if (run.code === 0) return;
  const tail = (run.stderr || run.stdout).trim().split("\n").slice(-5).join("\n    ");
  progress(`  spojka exited with ${run.code}:\n    ${tail}`);
}
