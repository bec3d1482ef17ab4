/**
 * Progress of long work (a first sync of 100 000 documents takes minutes), per stage: a count, an
 * optional total, a rate over the last seconds and, when the total is known, the time left.
 *
 * On a console it keeps one live line, redrawn in place at most a few times a second. Everywhere,
 * console or not (Task Scheduler, a pipe, tests), it hands a plain line per stage to a callback every
 * so often, for the log, and says nothing about a stage that ends before its first line is due.
 *
 * Wiring it in:
 * - Create one per command and end it in a `finally`:
 *   `const progress = new Progress({ report: (line) => log.info(line) })` … `progress.stop()`.
 *   The plain lines then reach log.txt and stdout like any other info line (beside a live line, pass a
 *   file-only level instead).
 * - `Log` (log.ts) must let the live line step aside for its console output, or a warning would be
 *   printed onto the end of a half-drawn line. Give Log something like
 *   `attach(progress: { interrupt(write: () => void): void })` and in its `#write` wrap the two
 *   console calls: `this.#progress.interrupt(() => console.error(text))`. The file write needs no
 *   wrapping. Anything else that prints (a prompt, a table) must go through `interrupt` too, or run
 *   after `stop()`.
 * - A pipeline reports per stage:
 *   ```ts
 *   using post = progress.stage("POHODA", { total: items.length });
 *   for (const pack of packs) { …; post.advance(pack.length); post.counter("pack", ++sent); }
 *   ```
 *   `using` (or a `finally` calling `done()`) removes the stage even when the work throws.
 *
 * @module
 */

import { m } from "../i18n/mod.ts";

/** Where the live line goes: a console stream, or a fake in tests. */
export interface ProgressOutput {
  /** Writes `text` as it is, no newline added. Synchronous, so it stays in order with `console.log`. */
  write(text: string): void;
  /** Whether a person watches this stream: the live line if so, periodic plain lines if not. */
  isTerminal(): boolean;
  /** The console's width in characters, or `undefined` when unknown (then 80 is assumed). */
  columns(): number | undefined;
}

/** Calls `tick` every `ms` milliseconds until the returned function is called. */
export type Ticker = (ms: number, tick: () => void) => () => void;

/** How a {@linkcode Progress} reports; everything is optional and defaults to the real console and clock. */
export interface ProgressOptions {
  /** The console stream for the live line; stderr by default, so stdout keeps only the run's messages. */
  output?: ProgressOutput;
  /**
   * Receives a plain line per stage every `reportEveryMs`, on a terminal too: pass `log.info` when
   * nobody watches, a file-only log level beside the live line. Default: nowhere.
   */
  report?: (line: string) => void;
  /** How often a stage's plain line is reported, in milliseconds (default 10 000). */
  reportEveryMs?: number;
  /** The shortest time between two redraws of the live line, in milliseconds (default 200). */
  redrawEveryMs?: number;
  /** The rate is measured over this many recent milliseconds (default 20 000). */
  rateWindowMs?: number;
  /** Monotonic milliseconds; `performance.now` by default, which a clock adjustment cannot upset. */
  now?: () => number;
  /** Repeats the checks while nothing advances, so a stalled stage shows its rate falling. */
  ticker?: Ticker;
}

/** What a stage counts. */
export interface StageOptions {
  /** How many there will be, when known; enables the bar, the percentage and the time left. */
  total?: number;
  /** What is counted, e.g. `"documents"` (default: the catalogue's word for items); `"bytes"` is shown in KB, MB and GB. */
  unit?: string;
}

/** One stage of the work, as returned by {@linkcode Progress.stage}. Calls after `done()` are ignored. */
export interface StageProgress extends Disposable {
  /** Counts `n` more (default 1). */
  advance(n?: number): void;
  /** Sets the count, e.g. bytes received so far. */
  set(count: number): void;
  /** Sets a secondary figure shown after the count, e.g. `counter("pack", 12)` → `pack 12`. */
  counter(label: string, value: number): void;
  /** Ends the stage and removes it from the console; the pipeline logs its own summary. */
  done(): void;
}

/**
 * What reads the same in every language. The thousands separator is a plain space: it reads right in
 * Czech and Slovak and renders in every console font.
 */
const SAME = {
  thousands: " ",
  byteUnits: ["B", "KB", "MB", "GB", "TB"],
  perSecond: "/s",
  seconds: (s: number) => `${s} s`,
  minutes: (m: number) => `${m} min`,
  minutesSeconds: (m: number, s: string) => `${m} min ${s} s`,
  hoursMinutes: (h: number, m: string) => `${h} h ${m} min`,
};

const BYTES = "bytes";
const BAR_FULL = "█";
const BAR_EMPTY = "░";
const BAR_MAX = 20;
const BAR_MIN = 5;
const PART_SEPARATOR = " · ";
const STAGE_SEPARATOR = "  |  ";
/** A rate measured over less time than this is mostly noise. */
const MIN_RATE_SPAN_MS = 1000;
/** Estimates beyond this are guesswork from the first seconds; better none. */
const MAX_ETA_SECONDS = 99 * 3600;

/** Reports the progress of the stages of a long piece of work; see the module documentation. */
export class Progress {
  readonly #output: ProgressOutput;
  readonly #report: (line: string) => void;
  readonly #terminal: boolean;
  readonly #reportEvery: number;
  readonly #redrawEvery: number;
  readonly #rateWindow: number;
  readonly #now: () => number;
  readonly #ticker: Ticker;
  /** In start order, which is the order of their parts on the live line. */
  readonly #active = new Set<Stage>();
  #stopTicking: (() => void) | null = null;
  /** The live line as it stands on the console; `""` when the line is blank. */
  #shown = "";
  #lastDraw = -Infinity;
  /** Nested {@linkcode interrupt} calls: no drawing until the outermost write is done. */
  #held = 0;

  constructor(options: ProgressOptions = {}) {
    this.#output = options.output ?? stderrOutput();
    this.#report = options.report ?? (() => {});
    this.#terminal = this.#output.isTerminal();
    this.#reportEvery = options.reportEveryMs ?? 10_000;
    this.#redrawEvery = options.redrawEveryMs ?? 200;
    this.#rateWindow = options.rateWindowMs ?? 20_000;
    this.#now = options.now ?? (() => performance.now());
    this.#ticker = options.ticker ?? realTicker;
  }

  /** Starts a stage; `label` names it on the console, e.g. `"POHODA"` or `"FLOWii download"`. */
  stage(label: string, options: StageOptions = {}): StageProgress {
    const now = this.#now();
    const stage = new Stage(label, options, now, now + this.#reportEvery, {
      now: this.#now,
      rateWindow: this.#rateWindow,
      changed: () => this.#update(),
      finished: (s) => this.#finish(s),
    });
    this.#active.add(stage);
    if (!this.#stopTicking) {
      // Plain lines are due per stage, so check often enough to be on time, not just every interval.
      const every = this.#terminal ? this.#redrawEvery : Math.min(this.#reportEvery, 1000);
      this.#stopTicking = this.#ticker(every, () => this.#update());
    }
    this.#update();
    return stage;
  }

  /**
   * Runs `write`, which prints to the console, with the live line out of its way: the line is
   * blanked first and drawn again below the new output at the next redraw (within `redrawEveryMs`).
   * Log calls this around its console writes.
   */
  interrupt<T>(write: () => T): T {
    // Plain lines are whole lines, so nothing to clear; and a plain line's own report, which comes back
    // here through Log, must not re-enter the report loop.
    if (!this.#terminal) return write();
    this.#held++;
    this.#erase();
    try {
      return write();
    } finally {
      this.#held--;
      this.#update();
    }
  }

  /** Ends every stage still running and its timer; call it in a `finally` when the command ends. */
  stop(): void {
    for (const stage of [...this.#active]) stage.done();
  }

  #update(): void {
    if (this.#held > 0 || this.#active.size === 0) return;
    const now = this.#now();
    if (this.#terminal && now - this.#lastDraw >= this.#redrawEvery) this.#draw(now);
    // Plain lines also while the live line runs: the log keeps the course of a long run either way.
    for (const stage of this.#active) {
      if (now < stage.reportAt) continue;
      stage.reportAt = now + this.#reportEvery;
      this.#report(plainLine(stage.snapshot(now)));
    }
  }

  #draw(now: number): void {
    const columns = this.#output.columns();
    // Writing into the last column makes cmd.exe wrap, after which `\r` no longer reaches the line.
    const width = (columns && columns > 0 ? columns : 80) - 1;
    const text = fitLine([...this.#active].map((stage) => stage.snapshot(now)), width);
    this.#lastDraw = now;
    if (text === this.#shown) return;
    // Spaces instead of an ANSI erase: a console without escape sequences shows them as garbage.
    this.#output.write(`\r${text}${" ".repeat(Math.max(0, this.#shown.length - text.length))}`);
    this.#shown = text;
  }

  #erase(): void {
    if (this.#shown === "") return;
    this.#output.write(`\r${" ".repeat(this.#shown.length)}\r`);
    this.#shown = "";
  }

  #finish(stage: Stage): void {
    this.#active.delete(stage);
    if (this.#active.size > 0) {
      this.#update();
      return;
    }
    this.#stopTicking?.();
    this.#stopTicking = null;
    // Right away: the pipeline's summary comes next and must start on a blank line.
    this.#erase();
  }
}

/** What a stage needs from its {@linkcode Progress}. */
interface StageHooks {
  now: () => number;
  rateWindow: number;
  changed: () => void;
  finished: (stage: Stage) => void;
}

/** A stage's figures at one moment, everything the lines are made of. */
interface Snapshot {
  label: string;
  count: number;
  total: number | undefined;
  unit: string;
  counters: [string, number][];
  /** Per second, over the recent window; `undefined` until there is enough to measure. */
  rate: number | undefined;
  /** Seconds left, when the total and a rate are known. */
  eta: number | undefined;
}

class Stage implements StageProgress {
  readonly #label: string;
  readonly #total: number | undefined;
  readonly #unit: string;
  readonly #hooks: StageHooks;
  readonly #counters = new Map<string, number>();
  #count = 0;
  /** (time, count) pairs, about one per 1/20 of the window, the first at or before the window's start. */
  #samples: { at: number; count: number }[];
  #finished = false;
  /** When the next plain line is due. */
  reportAt: number;

  constructor(label: string, options: StageOptions, start: number, reportAt: number, hooks: StageHooks) {
    this.#label = label;
    this.#total = options.total;
    this.#unit = options.unit ?? m.progress.unit;
    this.#hooks = hooks;
    this.#samples = [{ at: start, count: 0 }];
    this.reportAt = reportAt;
  }

  advance(n = 1): void {
    if (!this.#finished) this.#changeTo(this.#count + n);
  }

  set(count: number): void {
    if (!this.#finished) this.#changeTo(count);
  }

  counter(label: string, value: number): void {
    if (this.#finished) return;
    this.#counters.set(label, value);
    this.#hooks.changed();
  }

  done(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#hooks.finished(this);
  }

  [Symbol.dispose](): void {
    this.done();
  }

  snapshot(now: number): Snapshot {
    this.#sample(now);
    const first = this.#samples[0];
    const span = now - first.at;
    const rate = span >= MIN_RATE_SPAN_MS ? ((this.#count - first.count) * 1000) / span : undefined;
    const total = this.#total;
    const eta = total !== undefined && rate !== undefined && rate > 0 && this.#count < total
      ? (total - this.#count) / rate
      : undefined;
    return {
      label: this.#label,
      count: this.#count,
      total,
      unit: this.#unit,
      counters: [...this.#counters],
      rate,
      eta: eta !== undefined && eta <= MAX_ETA_SECONDS ? eta : undefined,
    };
  }

  #changeTo(count: number): void {
    const now = this.#hooks.now();
    // A count that went back (a restarted download) makes the earlier speed meaningless.
    if (count < this.#count) this.#samples = [{ at: now, count }];
    this.#count = count;
    this.#sample(now);
    this.#hooks.changed();
  }

  #sample(now: number): void {
    const window = this.#hooks.rateWindow;
    if (now - this.#samples[this.#samples.length - 1].at >= window / 20) {
      this.#samples.push({ at: now, count: this.#count });
    }
    while (this.#samples.length > 1 && this.#samples[1].at <= now - window) this.#samples.shift();
  }
}

/** Which optional parts of a live line to show. */
interface Detail {
  counters: boolean;
  rate: boolean;
  eta: boolean;
}

/** From most to least detailed: when the console is narrow, the bar goes first, then these parts. */
const DETAILS: Detail[] = [
  { counters: true, rate: true, eta: true },
  { counters: false, rate: true, eta: true },
  { counters: false, rate: false, eta: true },
  { counters: false, rate: false, eta: false },
];

/** The live line for the active stages, at most `width` characters. */
function fitLine(stages: Snapshot[], width: number): string {
  const line = (detail: Detail, bar: number) =>
    stages.map((stage) => liveText(stage, detail, bar)).join(STAGE_SEPARATOR);
  const bars = stages.filter((stage) => stage.total !== undefined).length;
  if (bars > 0) {
    // Measured with one-character bars, as a bar also brings a space and a padded percentage.
    const bar = Math.min(BAR_MAX, Math.floor((width - line(DETAILS[0], 1).length) / bars) + 1);
    if (bar >= BAR_MIN) return line(DETAILS[0], bar);
  }
  let text = "";
  for (const detail of DETAILS) {
    text = line(detail, 0);
    if (text.length <= width) return text;
  }
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** `POHODA  ██████░░░░  58% 69 600/120 000 items · pack 1 392 · 412/s · ETA 2 min 04 s` */
function liveText(stage: Snapshot, detail: Detail, bar: number): string {
  const parts: string[] = [];
  if (stage.total === undefined) parts.push(amount(stage.count, stage.unit));
  else {
    const fraction = stage.total > 0 ? Math.min(1, stage.count / stage.total) : 1;
    const filled = Math.floor(fraction * bar);
    const drawn = bar > 0 ? `${BAR_FULL.repeat(filled)}${BAR_EMPTY.repeat(bar - filled)} ` : "";
    const counts = stage.unit === BYTES
      ? `${bytes(stage.count)}/${bytes(stage.total)}`
      : `${group(stage.count)}/${group(stage.total)} ${stage.unit}`;
    // Beside a bar the percentage keeps its width, so the text after it does not jump at 10%.
    parts.push(`${drawn}${bar > 0 ? percent(fraction).padStart(4) : percent(fraction)} ${counts}`);
  }
  if (detail.counters) parts.push(...stage.counters.map(([label, value]) => `${label} ${group(value)}`));
  if (detail.rate && stage.rate !== undefined) parts.push(rate(stage.rate, stage.unit));
  if (detail.eta && stage.eta !== undefined) parts.push(m.progress.eta(duration(stage.eta, false)));
  return `${stage.label}  ${parts.join(PART_SEPARATOR)}`;
}

/** `POHODA: 69 600 of 120 000 items (58%), pack 1 392, 412/s, about 2 min left` */
function plainLine(stage: Snapshot): string {
  const parts: string[] = [];
  if (stage.total === undefined) parts.push(amount(stage.count, stage.unit));
  else {
    const fraction = stage.total > 0 ? Math.min(1, stage.count / stage.total) : 1;
    const counts = stage.unit === BYTES
      ? m.progress.amountOf(bytes(stage.count), bytes(stage.total))
      : `${m.progress.amountOf(group(stage.count), group(stage.total))} ${stage.unit}`;
    parts.push(`${counts} (${percent(fraction)})`);
  }
  parts.push(...stage.counters.map(([label, value]) => `${label} ${group(value)}`));
  if (stage.rate !== undefined) parts.push(rate(stage.rate, stage.unit));
  if (stage.eta !== undefined) parts.push(m.progress.left(duration(stage.eta, true)));
  return `${stage.label}: ${parts.join(", ")}`;
}

function amount(count: number, unit: string): string {
  return unit === BYTES ? bytes(count) : `${group(count)} ${unit}`;
}

/** Rounded down, so 100% means finished. */
function percent(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`;
}

function rate(perSecond: number, unit: string): string {
  if (unit === BYTES) return `${bytes(perSecond)}${SAME.perSecond}`;
  // A few documents a second still deserve a figure other than 0 or 1.
  const figure = perSecond < 10 ? decimal(perSecond) : group(perSecond);
  return `${figure}${SAME.perSecond}`;
}

/** `69 600`: whole number, thousands separated. */
function group(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, SAME.thousands);
}

function decimal(n: number): string {
  return n.toFixed(1).replace(".", m.progress.decimal);
}

/** `512 B`, `23.1 MB`: binary multiples, as Windows Explorer shows file sizes. */
function bytes(n: number): string {
  let unit = 0;
  while (n >= 1024 && unit < SAME.byteUnits.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${unit === 0 ? group(n) : decimal(n)} ${SAME.byteUnits[unit]}`;
}

/** `2 min 04 s` on the live line; `2 min` in a plain line, where an estimate to the second misleads. */
function duration(seconds: number, coarse: boolean): string {
  const s = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 60) return SAME.seconds(coarse ? Math.ceil(s / 10) * 10 : s);
  if (s < 3600) {
    return coarse ? SAME.minutes(Math.round(s / 60)) : SAME.minutesSeconds(Math.floor(s / 60), pad(s % 60));
  }
  const minutes = coarse ? Math.round(s / 60) : Math.floor(s / 60);
  return SAME.hoursMinutes(Math.floor(minutes / 60), pad(minutes % 60));
}

/** The default ticker: a real interval that cannot keep the process alive on its own. */
const realTicker: Ticker = (ms, tick) => {
  const id = setInterval(tick, ms);
  // A forgotten stop() must not keep a finished scheduled task running.
  Deno.unrefTimer(id);
  return () => clearInterval(id);
};

/** The default output: stderr, where progress does not mix with what stdout is redirected to. */
function stderrOutput(): ProgressOutput {
  const encoder = new TextEncoder();
  return {
    write(text) {
      let rest = encoder.encode(text);
      while (rest.length > 0) rest = rest.subarray(Deno.stderr.writeSync(rest));
    },
    isTerminal: () => Deno.stderr.isTerminal(),
    columns() {
      try {
        return Deno.consoleSize().columns;
      } catch {
        // No console at all; the width does not matter then.
        return undefined;
      }
    },
  };
}
