/**
 * One in-process run under a fault plan: the fault proxies in front of each service strike the
 * requests the plan names, and the run may die (see `crash.ts`) at a state write, at a request, or
 * after a while. Whatever happens, the run ends settled: its outcome recorded, the faults it armed
 * undone and its proxies working again, so the next run starts from a known point.
 *
 * @module
 */

import { SpojkaError } from "../../src/core/errors.ts";
import { Crash, CrashSwitch, type WriteCrash } from "./crash.ts";
import type { FaultProxy, ProxiedRequest, Verdict } from "./proxy.ts";

/** What a fault can do to the run while it strikes. */
export interface RunControl {
  /** The process dies now. */
  kill(where: string): void;
  /** Runs `undo` when the run has ended (a busy POHODA released, a switch reset). */
  afterwards(undo: () => void): void;
}

/** One fault of a run. */
export interface FaultEvent {
  /** What the report counts it as, e.g. "mServer: answer lost after the import". */
  kind: string;
  /** The service whose request it strikes, as the run's proxies are named. */
  service: string;
  /** Strikes the service's `at`-th request of the run that it `matches` (1-based, retries counted). */
  at: number;
  /** Which requests count (all by default), e.g. only `POST /xml`. */
  matches?: (request: ProxiedRequest) => boolean;
  /** Does its part on the emulators or the run, and says what the proxy does with the request. */
  strike(run: RunControl, request: ProxiedRequest): Verdict | undefined;
}

/** Everything that goes wrong in one run. */
export interface RunPlan {
  events: FaultEvent[];
  /** The run dies at a state write. */
  crash?: WriteCrash;
  /** The run dies after this many milliseconds. */
  dieAfterMs?: number;
}

/** How a run ended. */
export interface RunResult {
  /** The exit code the run would have had; absent when it died or threw. */
  code?: number;
  /** Where it died, if it did. */
  died?: string;
  /** The message of a service or settings failure (exit 2 to 4). */
  failure?: string;
  /** Anything else thrown while it was alive: a bug in spojka. */
  bug?: unknown;
  /** The fault kinds that struck, in order. */
  struck: string[];
}

/**
 * Makes `proxies` (by service name) strike their requests as `events` say, noting each kind that
 * strikes in `struck`; nothing strikes once `over` says the run is over.
 */
export function armProxies(
  proxies: Record<string, FaultProxy>,
  events: readonly FaultEvent[],
  control: RunControl,
  struck: string[],
  over: () => boolean,
): void {
  const seen = new Map<FaultEvent, number>();
  for (const [service, proxy] of Object.entries(proxies)) {
    proxy.rules = (request) => {
      let verdict: Verdict | undefined;
      for (const event of events) {
        if (event.service !== service || !(event.matches?.(request) ?? true)) continue;
        const n = (seen.get(event) ?? 0) + 1;
        seen.set(event, n);
        if (n !== event.at || over()) continue;
        struck.push(event.kind);
        verdict ??= event.strike(control, request);
      }
      return verdict;
    };
  }
}

/** Runs `work` as one run behind `proxies` (by service name) under `plan`. */
export async function runUnder(
  proxies: Record<string, FaultProxy>,
  plan: RunPlan,
  work: () => Promise<number>,
): Promise<RunResult> {
  const struck: string[] = [];
  const undo: (() => void)[] = [];
  const life = new CrashSwitch(plan.crash, () => {
    // The OS closes a dead process's sockets: whatever was on the way is cut.
    for (const proxy of Object.values(proxies)) proxy.sever();
  });
  if (plan.crash) struck.push(`crash ${plan.crash.when} a state write`);
  let ended = false;
  const control: RunControl = {
    // A hook may still fire after the run ended (an answer to a request it gave up on): too late to kill it.
    kill: (where) => {
      if (!ended) life.kill(where);
    },
    afterwards: (fn) => void undo.push(fn),
  };
  armProxies(proxies, plan.events, control, struck, () => life.dead !== undefined);
  const timer = plan.dieAfterMs === undefined ? undefined : setTimeout(() => {
    struck.push("crash at a random moment");
    life.kill(`after ${plan.dieAfterMs} ms`);
  }, plan.dieAfterMs);

  const result: RunResult = { struck };
  try {
    result.code = await life.run(work);
  } catch (e) {
    if (e instanceof SpojkaError) result.failure = e.message;
    else if (!(e instanceof Crash) && !life.dead) result.bug = e;
  } finally {
    ended = true;
    clearTimeout(timer);
    for (const fn of undo) fn();
    for (const proxy of Object.values(proxies)) proxy.rules = () => undefined;
    await Promise.all(Object.values(proxies).map((proxy) => proxy.revive()));
  }
  if (life.dead) {
    result.died = life.dead;
    delete result.code;
    delete result.failure;
  }
  return result;
}

/** How a run ended, in words: `exit 0`, `failed: …`, `died …`. */
export function ending(result: RunResult): string {
  if (result.died) return `died ${result.died}`;
  if (result.bug !== undefined) return `a bug: ${describeBug(result.bug)}`;
  return result.failure ? `failed: ${result.failure}` : `exit ${result.code}`;
}

/** A line for the schedule's story: the run, its faults, how it ended. */
export function describeRun(name: string, result: RunResult): string {
  const faults = result.struck.length > 0 ? ` [${result.struck.join("; ")}]` : "";
  return `${name}${faults}: ${ending(result)}`;
}

function describeBug(bug: unknown): string {
  return bug instanceof Error ? bug.stack ?? bug.message : String(bug);
}
