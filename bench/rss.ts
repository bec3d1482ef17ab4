/**
 * Wall time, peak memory and CPU time of one spojka run. spojka runs as a subprocess exactly as in the tests
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
  /**
   * CPU time the process used (user + system, Linux `/proc/<pid>/stat`, as of the last look before
   * it exited): spojka's own cost, whatever the emulators in the benchmark's process cost.
   */
  cpuMs: number;
}

/** How often the process's memory is looked at. */
const POLL_MS = 50;

/** Runs `spojka <args>` and measures it. */
export async function measureCli(args: string[], options: CliOptions = {}): Promise<MeasuredRun> {
  const started = performance.now();
  const child = spawnCli(args, options);
  const watch = watchProcess(child.pid);
  const output = await child.output();
  const wallMs = performance.now() - started;
  const decoder = new TextDecoder();
  const { peakRssBytes, cpuMs } = watch.stop();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    wallMs,
    peakRssBytes,
    cpuMs,
  };
}

/** Clock ticks per second of `/proc/<pid>/stat` (Linux's USER_HZ, 100 on every architecture it runs on). */
const USER_HZ = 100;

/**
 * Follows process `pid` until `stop`: its peak resident memory and its CPU time. The kernel keeps
 * the peak itself (`VmHWM` in `/proc/<pid>/status`), so polling only has to see it late enough; the
 * CPU time misses at most the last poll interval before the process exits.
 */
function watchProcess(pid: number): { stop(): { peakRssBytes: number; cpuMs: number } } {
  let peak = 0;
  let cpuMs = 0;
  const poll = () => {
    try {
      const status = Deno.readTextFileSync(`/proc/${pid}/status`);
      for (const field of ["VmHWM", "VmRSS"]) {
        const kib = Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kib * 1024);
      }
      // Fields 14 and 15 (utime, stime) follow the command name, which may hold spaces: count after ")".
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpuMs = Math.max(cpuMs, (Number(fields[11]) + Number(fields[12])) * 1000 / USER_HZ);
    } catch (error) {
      // The process has exited (or is a zombie without memory figures): the last values stand.
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssBytes: peak, cpuMs };
    },
  };
}
