/**
 * Wall time and peak memory of one spojka run. spojka runs as a subprocess exactly as in the tests
 * (`tests/helpers/cli.ts`): `deno run … src/main.ts`, so the spawned process is spojka itself and its
 * resident memory is spojka's.
 *
 * @module
 */

import { type CliOptions, type CliResult, spawnCli } from "../tests/helpers/cli.ts";

/** A CLI run with its cost. */
export interface MeasuredRun extends CliResult {
  /** From spawning the process to its exit: what a user waits for, start-up included. */
  wallMs: number;
  /** The largest resident set the process had (Linux `VmHWM`). */
  peakRssBytes: number;
}

/** How often the process's memory is looked at. */
const POLL_MS = 50;

/** Runs `spojka <args>` and measures it. */
export async function measureCli(args: string[], options: CliOptions = {}): Promise<MeasuredRun> {
  const started = performance.now();
  const child = spawnCli(args, options);
  const peak = watchPeakRss(child.pid);
  const output = await child.output();
  const wallMs = performance.now() - started;
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    wallMs,
    peakRssBytes: peak.stop(),
  };
}

/**
 * Follows the peak resident memory of process `pid` until `stop`. The kernel keeps the peak itself
 * (`VmHWM` in `/proc/<pid>/status`), so polling only has to see it late enough: what is missed is a
 * rise in the last poll interval before the process exits.
 */
function watchPeakRss(pid: number): { stop(): number } {
  let peak = 0;
  const poll = () => {
    try {
      const status = Deno.readTextFileSync(`/proc/${pid}/status`);
      for (const field of ["VmHWM", "VmRSS"]) {
        const kib = Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kib * 1024);
      }
    } catch (error) {
      // The process has exited (or is a zombie without memory figures): the last value stands.
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
