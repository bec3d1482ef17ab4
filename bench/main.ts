/**
 * `deno task bench`: spojka against the targets of the scale issue, with the emulators in this
 * process and spojka as the subprocess a user runs.
 *
 * - scale: per size (default 1 000, 10 000 and 100 000 documents; partners = documents / 5) the XML
 *   size, `xmllint --stream --noout` on it, `sync --dry-run` against it (target ≤ 2×), and a first
 *   `sync` with its peak RSS (target ≤ 200 MB), its CPU time per item (100 000 within 1.2× of 10 000) and
 *   whether every document and partner landed exactly once;
 * - transform: `bench/transform_bench.ts`, the transform stage alone against xmllint, and its memory
 *   on an export of the largest size;
 * - posting: 10 000 documents into an mServer taking 5 ms per item, the sync's wall time against
 *   the mServer's busy time (target ≤ 1.10×);
 * - stock: 20 000 products, Shoptet and WooCommerce, requests against the fewest possible and KROS
 *   rate-limit violations over init and two consecutive syncs (target 0).
 *
 * Options: `--sizes 1000,10000` (or `BENCH_SIZES`) limits the sizes, `--parts scale,posting` (or
 * `BENCH_PARTS`) the parts, of scale, transform, posting and stock. Progress goes to stderr, the
 * tables to stdout. `xmllint` comes with libxml2-utils (Debian) or libxml2 (Homebrew); without it
 * that column says n/a.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { allOnce, type Tally } from "./landed.ts";
import { measurePosting, measureSize, type PostingResult, type SizeResult } from "./scale.ts";
import { measureStock, type StockResult } from "./stock.ts";
import { atMost, count, megabytes, renderTable, seconds, times } from "./table.ts";

const PARTS = ["scale", "transform", "posting", "stock"] as const;
type Part = typeof PARTS[number];

const TARGET = {
  /** `sync --dry-run` against `xmllint --stream --noout` on the same XML. */
  dryRunRatio: 2,
  peakRssBytes: 200e6,
  /**
   * Cost per item of the largest size against that of 10 000 documents. The cost is spojka's CPU
   * time: the wall time also holds the emulated mServer's, which runs in this process.
   */
  perItemRatio: 1.2,
  /** The first sync's wall time against mServer's busy time. */
  postingRatio: 1.1,
};
const REFERENCE_SIZE = 10_000;
const POSTING = { documents: 10_000, itemLatencyMs: 5 };
const STOCK_PRODUCTS = 20_000;

const { values } = parseArgs({
  options: { sizes: { type: "string" }, parts: { type: "string" } },
});
const sizes = list(values.sizes ?? Deno.env.get("BENCH_SIZES") ?? "1000,10000,100000").map((size) => {
  const n = Number(size.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 5) throw new Error(`--sizes: "${size}" is not a number of documents (≥ 5)`);
  return n;
});
const parts = list(values.parts ?? Deno.env.get("BENCH_PARTS") ?? PARTS.join(",")).map((part) => {
  if (!PARTS.includes(part as Part)) throw new Error(`--parts: "${part}" is none of ${PARTS.join(", ")}`);
  return part as Part;
});

console.log(
  `spojka bench: Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs, load average ` +
    `${Deno.loadavg()[0].toFixed(2)} at the start (other work on the machine inflates the timings)`,
);
const started = performance.now();
const progress = (line: string) =>
  console.error(`[${seconds(performance.now() - started).padStart(7)}] ${line}`);

if (parts.includes("scale")) {
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measureSize(size, progress));
  print(scaleTables(results));
}
if (parts.includes("transform")) {
  // Loaded only for its part: it follows src/ closely, and the other parts need not wait for it.
  const { benchTransform, formatTransformBench } = await import("./transform_bench.ts");
  const { speed, memory } = await benchTransform({ memoryDocuments: Math.max(...sizes), progress });
  print(formatTransformBench(speed, memory).join("\n"));
}
if (parts.includes("posting")) {
  print(postingLine(await measurePosting(POSTING.documents, POSTING.itemLatencyMs, progress)));
}
if (parts.includes("stock")) {
  const results: StockResult[] = [];
  for (const platform of ["shoptet", "woocommerce"] as const) {
    results.push(await measureStock(platform, STOCK_PRODUCTS, progress));
  }
  print(stockTable(results));
}

function list(text: string): string[] {
  return text.split(",").map((part) => part.trim()).filter(Boolean);
}

function print(text: string): void {
  console.log(`\n${text}`);
}

function scaleTables(results: SizeResult[]): string {
  const size = (r: SizeResult) => `${count(r.documents)} + ${count(r.partners)}`;
  const reference = results.find((r) => r.documents === REFERENCE_SIZE);
  const perItem = (r: SizeResult) => r.sync.cpuMs / (r.documents + r.partners);
  const dryRuns = results.map((r) => {
    const ratio = r.xmllintMs === undefined ? undefined : r.dryRun.wallMs / r.xmllintMs;
    return [
      size(r),
      megabytes(r.xmlBytes),
      r.xmllintMs === undefined ? "n/a" : seconds(r.xmllintMs),
      failed(r.dryRun.code) + seconds(r.dryRun.wallMs),
      ratio === undefined ? "n/a" : atMost(ratio, TARGET.dryRunRatio, times(ratio), `${TARGET.dryRunRatio}×`),
    ];
  });
  const syncs = results.map((r) => {
    let cost = `${seconds(r.sync.cpuMs)}, ${perItem(r).toFixed(3)} ms per item`;
    if (r === reference) cost += " (reference)";
    else if (reference && r.documents > REFERENCE_SIZE) {
      const growth = perItem(r) / perItem(reference);
      cost += `, ${atMost(growth, TARGET.perItemRatio, times(growth), `${TARGET.perItemRatio}× of 10 000`)}`;
    }
    const rss = r.sync.peakRssBytes;
    return [
      size(r),
      failed(r.sync.code) + seconds(r.sync.wallMs),
      seconds(r.busyMs),
      rss === 0 ? "n/a" : atMost(rss, TARGET.peakRssBytes, megabytes(rss), megabytes(TARGET.peakRssBytes)),
      cost,
      once(r.landed.documents),
      once(r.landed.partners),
    ];
  });
  return [
    "FLOWii → POHODA at scale: seed 42, partners = documents / 5; the emulators run in the benchmark",
    "",
    "sync --dry-run (fetch, unzip, transform, write the packs) against xmllint --stream --noout on the same XML",
    renderTable([
      { title: "documents + partners", align: "right" },
      { title: "XML", align: "right" },
      { title: "xmllint", align: "right" },
      { title: "dry run", align: "right" },
      { title: "dry run / xmllint" },
    ], dryRuns),
    "",
    "first sync into an empty POHODA (mServer without XSD validation)",
    renderTable([
      { title: "documents + partners", align: "right" },
      { title: "wall", align: "right" },
      { title: "of it mServer busy", align: "right" },
      { title: "peak RSS of spojka" },
      { title: "spojka's CPU time, per item" },
      { title: "documents once" },
      { title: "partners once" },
    ], syncs),
  ].join("\n");
}

function postingLine(r: PostingResult): string {
  const ratio = r.sync.wallMs / r.busyMs;
  return [
    `Posting: ${count(r.documents)} documents + ${
      count(r.partners)
    } partners, mServer at ${r.itemLatencyMs} ms per item`,
    `  first sync ${failed(r.sync.code)}${seconds(r.sync.wallMs)} vs mServer busy ${seconds(r.busyMs)}: ` +
    atMost(ratio, TARGET.postingRatio, times(ratio), `${TARGET.postingRatio.toFixed(2)}×`),
    `  landed exactly once: ${once(r.landed.documents)}; ${once(r.landed.partners)}`,
  ].join("\n");
}

function stockTable(results: StockResult[]): string {
  const rows = results.flatMap((result) =>
    result.runs.map((run) => [
      result.platform === "shoptet" ? "Shoptet" : "WooCommerce",
      run.label,
      failed(run.code) + seconds(run.wallMs),
      atLeastMinimum(run.krosRequests, run.krosMinimum),
      atLeastMinimum(run.shopRequests, run.shopMinimum),
      atMost(run.violations, 0, String(run.violations), "0"),
    ])
  );
  return [
    `Stock: ${
      count(results[0]?.products ?? STOCK_PRODUCTS)
    } products, KROS → shop; init, then two syncs in a row`,
    renderTable([
      { title: "shop" },
      { title: "run" },
      { title: "wall", align: "right" },
      { title: "KROS requests (minimum)" },
      { title: "shop requests (minimum)" },
      { title: "KROS limit violations (sync 1: with init)" },
    ], rows),
  ].join("\n");
}

function atLeastMinimum(made: number, minimum: number): string {
  return `${count(made)} (${count(minimum)}) ${made <= minimum ? "✓" : "✗"}`;
}

function once(tally: Tally): string {
  const problems = [
    tally.missing && `${tally.missing} missing`,
    tally.duplicated && `${tally.duplicated} twice or more`,
    tally.unknown && `${tally.unknown} unknown`,
  ].filter(Boolean);
  return `${allOnce(tally) ? "✓" : "✗"} ${count(tally.once)}/${count(tally.expected)}` +
    (problems.length ? ` (${problems.join(", ")})` : "");
}

/** `exit 3: ` before the figure of a run that failed. */
function failed(code: number): string {
  return code === 0 ? "" : `exit ${code}: `;
}
