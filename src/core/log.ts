/**
 * The run log: `log.txt` in the data folder, one line per action with its time and the id of the
 * run that wrote it (runs overlap: a `status` beside a `sync`, `serve`), rotated at a size limit.
 * Every line passes through {@linkcode redact}, so no registered secret reaches the disk.
 *
 * The file is UTF-8 and starts with a byte order mark: Notepad reads UTF-8 either way, but Windows
 * PowerShell 5.1 (`Get-Content log.txt`) takes a file without one for the ANSI code page and would
 * garble every č and ř.
 *
 * @module
 */

import { redact } from "./redact.ts";
import { formatLocal } from "./time.ts";
import { m } from "../i18n/mod.ts";

/** Severity of a log line; `detail` lines go to the file only. */
export type Level = "detail" | "info" | "warn" | "error";

/** Where and how much to log. */
export interface LogOptions {
  /** Path of the log file, or `null` to log to the console only. */
  file: string | null;
  /** Rotate when the file would grow beyond this many bytes. */
  maxBytes?: number;
  /** How many rotated files (`log.1.txt` …) to keep. */
  keep?: number;
  /** Echo `info` lines to stdout (off for machine-readable output such as `status --json`). */
  echo?: boolean;
}

const encoder = new TextEncoder();
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** This process's run id: 6 hex digits on each of its log lines. */
export const RUN_ID: string = [...crypto.getRandomValues(new Uint8Array(3))]
  .map((b) => b.toString(16).padStart(2, "0")).join("");

/** Writes log lines to the file and, by level, to the console. */
export class Log {
  #file: string | null;
  readonly #maxBytes: number;
  readonly #keep: number;
  readonly #echo: boolean;
  #size = -1;
  #console: { interrupt(write: () => void): void } = { interrupt: (write) => write() };

  constructor(options: LogOptions) {
    this.#file = options.file;
    this.#maxBytes = options.maxBytes ?? 1024 * 1024;
    this.#keep = options.keep ?? 5;
    this.#echo = options.echo ?? true;
  }

  /** The log file, or `null` when lines go to the console only (none was given, or it cannot be written). */
  get file(): string | null {
    return this.#file;
  }

  /**
   * Routes console output through `live` (a live progress line), which clears its line first and
   * redraws it after, so messages never land on the end of a half-drawn line.
   */
  attach(live: { interrupt(write: () => void): void }): void {
    this.#console = live;
  }

  /** File only: the detail an admin reads when something went wrong. */
  detail(message: string): void {
    this.#write("detail", message);
  }

  /** File and stdout. */
  info(message: string): void {
    this.#write("info", message);
  }

  /** File and stderr. */
  warn(message: string): void {
    this.#write("warn", message);
  }

  /** File and stderr. */
  error(message: string): void {
    this.#write("error", message);
  }

  #write(level: Level, message: string): void {
    const text = redact(message);
    if (level === "warn" || level === "error") this.#console.interrupt(() => console.error(text));
    else if (level === "info" && this.#echo) this.#console.interrupt(() => console.log(text));
    if (this.#file === null) return;
    const tag = level.toUpperCase().padEnd(6);
    const time = formatLocal(new Date(), true);
    const lines = text.split("\n").map((line) => `${time} ${RUN_ID} ${tag} ${line}\n`).join("");
    let bytes = encoder.encode(lines);
    try {
      this.#rotateIfNeeded(bytes.length);
      if (this.#size === 0) bytes = new Uint8Array([...BOM, ...bytes]);
      Deno.writeFileSync(this.#file, bytes, { append: true, create: true });
      this.#size += bytes.length;
    } catch (e) {
      // A log that cannot be written (read-only folder, full disk, log.txt open elsewhere) must not
      // stop the work or turn its outcome into another exit code: say so once, go on without it.
      console.error(m.log.cannotWrite(this.#file, (e as Error).message));
      this.#file = null;
    }
  }

  #rotateIfNeeded(incoming: number): void {
    const file = this.#file!;
    if (this.#size < 0) this.#size = Math.max(0, sizeOf(file));
    if (this.#size + incoming <= this.#maxBytes || this.#size === 0) return;
    const rotated = (n: number) => file.replace(/(\.[^./\\]*)?$/, (ext) => `.${n}${ext}`);
    for (let n = this.#keep - 1; n >= 1; n--) {
      if (sizeOf(rotated(n)) >= 0) Deno.renameSync(rotated(n), rotated(n + 1));
    }
    Deno.renameSync(file, rotated(1));
    this.#size = 0;
  }
}

function sizeOf(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return -1;
    throw e;
  }
}
