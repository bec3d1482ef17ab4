/**
 * Schedules that run the real program, `spojka sync` as a process, against the emulators behind
 * fault proxies:
 * - `kill`: one to three runs each killed with SIGKILL: at a random moment, with a request on its
 *   way, or after mServer imported a pack and before spojka read the answer (between the post and
 *   the state write); then a clean run.
 * - `concurrent`: two runs on one data folder at once (one waits its turn or exits 3), sometimes
 *   one of them killed; then a clean run.
 * Then every FLOWii record must be in POHODA exactly once, as for the in-process schedules.
 *
 * @module
 */

import { join } from "node:path";
import { Random } from "../emulators/flowii/random.ts";
import type { IssuedDocument } from "../emulators/flowii/records.ts";
import { editConfig, spawnCli } from "../helpers/cli.ts";
import { startWorld, type World } from "../helpers/world.ts";
import {
  badItems,
  changeRecords,
  CRASH_AT_REQUEST,
  drawFaults,
  isPost,
  type ServiceAim,
  UNREADABLE,
} from "./faults.ts";
import { armProxies, type FaultEvent } from "./harness.ts";
import { checkFlowii, settled, waitingItems } from "./invariant.ts";
import { newOutcome, type Outcome } from "./outcome.ts";
import { FaultProxy } from "./proxy.ts";
import { disagreements } from "./verify.ts";

/** A world whose spojka talks to FLOWii and mServer through fault proxies. */
interface ProxiedWorld {
  world: World;
  proxies: { FLOWii: FaultProxy; mServer: FaultProxy };
  /** Items per pack. */
  batch: number;
  close(): Promise<void>;
}

async function proxiedWorld(rng: Random, seed: number, latencyMs: number): Promise<ProxiedWorld> {
  const world = await startWorld({
    flowii: { dataset: { seed, partners: rng.int(2, 8), documents: rng.int(4, 30) } },
    mserver: { latencyMs, unreadable: UNREADABLE },
  });
  const proxies = { FLOWii: new FaultProxy(world.flowii.url), mServer: new FaultProxy(world.mserver.url) };
  const batch = rng.int(2, 10);
  await editConfig(world.dir, (config) => {
    config.flowii.base_url = proxies.FLOWii.url;
    config.pohoda.url = `${proxies.mServer.url}/xml`;
    config.pohoda.batch_size = batch;
  });
  return {
    world,
    proxies,
    batch,
    close: async () => {
      for (const proxy of Object.values(proxies)) await proxy.close();
      await world.close();
      await Deno.remove(world.dir, { recursive: true }).catch(() => {});
    },
  };
}

/** How a process ended. */
interface Exit {
  code: number;
  killed: boolean;
  stderr: string;
}

/** Runs `spojka sync`, killing it with SIGKILL when `events` or `killAfterMs` say. */
async function sync(
  { world, proxies }: ProxiedWorld,
  events: readonly FaultEvent[],
  struck: string[],
  killAfterMs?: number,
): Promise<Exit> {
  const child = spawnCli(["--dir", world.dir, "sync"]);
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // It has just ended.
    }
  };
  armProxies(proxies, events, { kill, afterwards: () => {} }, struck, () => killed);
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
    struck.push("SIGKILL at a random moment");
    kill();
  }, killAfterMs);
  const output = await child.output();
  clearTimeout(timer);
  for (const proxy of Object.values(proxies)) proxy.rules = () => undefined;
  return {
    code: output.code,
    killed: killed && output.signal === "SIGKILL",
    stderr: new TextDecoder().decode(output.stderr),
  };
}

function describeExit(name: string, exit: Exit, struck: string[] = []): string {
  const faults = struck.length > 0 ? ` [${struck.join("; ")}]` : "";
  return `${name}${faults}: ${
    exit.killed ? "killed" : `exit ${exit.code}${exit.code > 1 ? `: ${lastLine(exit.stderr)}` : ""}`
  }`;
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

/** One to three runs killed with SIGKILL, then a clean run. */
export async function killSchedule(seed: number): Promise<Outcome> {
  const rng = new Random(seed * 3_266_489_917);
  const outcome = newOutcome(`kill:${seed}`);
  const proxied = await proxiedWorld(rng, seed, rng.pick([0, 20, 60]));
  const { world } = proxied;
  try {
    const refused = refuseOnPurpose(rng, world, outcome);
    if (rng.chance(0.3)) {
      outcome.story.push(describeExit("first run", await sync(proxied, [], [])));
      changeRecords(rng, world.flowii);
    }
    for (let i = 1, runs = rng.int(1, 3); i <= runs; i++) {
      const struck: string[] = [];
      const { events, killAfterMs } = drawKill(rng, proxied);
      const exit = await sync(proxied, events, struck, killAfterMs);
      const named = struck.map((kind) => kind.replace("crash", "SIGKILL"));
      outcome.struck.push(...named);
      outcome.story.push(describeExit(`run ${i}`, exit, named));
      if (!exit.killed && exit.code > 1) {
        outcome.problems.push(`run ${i} ended with exit ${exit.code}: ${exit.stderr}`);
      }
    }
    await clean(proxied, refused, outcome);
  } finally {
    await proxied.close();
  }
  return outcome;
}

/** A kill at the k-th POST (after the import or on its way), at a FLOWii request, or at a random moment. */
function drawKill(
  rng: Random,
  { world, batch }: ProxiedWorld,
): { events: FaultEvent[]; killAfterMs?: number } {
  const { partners, documents } = world.flowii.dataset;
  const packs = Math.ceil(partners.length / batch) + Math.ceil(documents.length / batch);
  const aims: ServiceAim[] = [
    { service: "mServer", statuses: [], requests: packs, matches: isPost },
    { service: "FLOWii", statuses: [], requests: 3 },
  ];
  if (rng.chance(0.3)) return { events: [], killAfterMs: rng.int(200, 1500) };
  return { events: drawFaults(rng, CRASH_AT_REQUEST, rng.chance(0.8) ? aims[0] : aims[1], 1) };
}

/** Two runs at once on one data folder, sometimes one of them killed, then a clean run. */
export async function concurrentSchedule(seed: number): Promise<Outcome> {
  const rng = new Random(seed * 2_654_435_789);
  const outcome = newOutcome(`concurrent:${seed}`);
  // POHODA slow enough for the runs to overlap.
  const proxied = await proxiedWorld(rng, seed, rng.int(20, 80));
  const { world } = proxied;
  try {
    const refused = refuseOnPurpose(rng, world, outcome);
    const offset = rng.int(0, 300);
    const killOne = rng.chance(0.3) ? rng.int(300, 1500) : undefined;
    const struck: string[] = [];
    const second = (async () => {
      await new Promise((resolve) => setTimeout(resolve, offset));
      const child = spawnCli(["--dir", world.dir, "sync"]);
      const output = await child.output();
      return { code: output.code, killed: false, stderr: new TextDecoder().decode(output.stderr) };
    })();
    const first = await sync(proxied, [], struck, killOne);
    const other = await second;
    outcome.struck.push("two runs at once", ...struck);
    outcome.story.push(
      describeExit("run A", first, struck),
      describeExit(`run B (${offset} ms later)`, other),
    );
    const allowed = [0, 3, refused.length > 0 ? 1 : 0];
    for (const [name, exit] of [["A", first], ["B", other]] as const) {
      if (!exit.killed && !allowed.includes(exit.code)) {
        outcome.problems.push(`run ${name} ended with exit ${exit.code}: ${lastLine(exit.stderr)}`);
      }
    }
    await clean(proxied, refused, outcome);
  } finally {
    await proxied.close();
  }
  return outcome;
}

/** The documents POHODA refuses on purpose, refused from now on. */
function refuseOnPurpose(rng: Random, world: World, outcome: Outcome): IssuedDocument[] {
  const bad = badItems(rng, world.flowii);
  world.mserver.faults.rejectItem = (item) =>
    bad.refused(item.number) ? "Předkontace 3Fv neexistuje." : undefined;
  outcome.struck.push(...bad.kinds);
  return bad.documents;
}

/** The clean run, and the check. */
async function clean(proxied: ProxiedWorld, refused: IssuedDocument[], outcome: Outcome): Promise<void> {
  const { world } = proxied;
  const exit = await sync(proxied, [], []);
  outcome.story.push(describeExit("clean run", exit));
  const expected = refused.length > 0 ? 1 : 0;
  if (exit.code !== expected) {
    outcome.problems.push(
      `the clean run ended with exit ${exit.code}, not ${expected}: ${lastLine(exit.stderr)}`,
    );
  }
  await settled(world.mserver);
  const findings = checkFlowii(
    world.flowii.dataset,
    world.mserver,
    refused,
    waitingItems(join(world.dir, "state.db")),
  );
  Object.assign(outcome, { lost: findings.lost, duplicated: findings.duplicated });
  outcome.problems.push(...findings.problems);
  const verify = await world.spojka("verify", "--json");
  outcome.problems.push(...disagreements(findings, JSON.parse(verify.stdout)));
}
