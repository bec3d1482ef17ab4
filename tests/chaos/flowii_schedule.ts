/**
 * A FLOWii → POHODA schedule in process: a small FLOWii account and an empty POHODA of its own, a
 * clean run first or not, then one to three runs with faults (each may die on the way; the next
 * opens the state from disk), users changing records in between, and a clean run. Then every
 * FLOWii record must be in POHODA exactly once, bar the documents POHODA refuses on purpose, which
 * must wait in the outbox, and nothing else may.
 *
 * @module
 */

import { syncFlowii } from "../../src/connectors/flowii_pohoda/sync.ts";
import { Random } from "../emulators/flowii/random.ts";
import { startFlowii } from "../emulators/flowii/server.ts";
import { startMServer } from "../emulators/mserver/mod.ts";
import {
  badItems,
  changeRecords,
  CRASH_AT_REQUEST,
  drawDeath,
  drawFaults,
  FLOWII,
  type FlowiiTarget,
  MSERVER,
  posts,
  TRANSPORT,
  UNREADABLE,
} from "./faults.ts";
import { describeRun, ending, type RunPlan, runUnder } from "./harness.ts";
import { flowiiSettings, pohodaSettings, quietFolder } from "./inprocess.ts";
import { checkFlowii, settled, waitingItems } from "./invariant.ts";
import { FaultProxy } from "./proxy.ts";
import { newOutcome, type Outcome } from "./outcome.ts";
import { disagreements, verifyInProcess } from "./verify.ts";

const ICO = "12345679";
const POHODA_USER = { user: "spojka", password: "pohoda-Heslo-1", ico: ICO };
/** Reasons for refusing one item: errno 101's official meaning, and the one the other tests use (wording unverified). */
const ITEM_REFUSALS = ["Uživatel nemá dostatečná práva.", "Předkontace 3Fv neexistuje."];

/** Runs the schedule of `seed` and reports what it found. */
export async function flowiiSchedule(seed: number): Promise<Outcome> {
  const rng = new Random(seed * 2_654_435_761);
  const outcome = newOutcome(`flowii:${seed}`);
  const partners = rng.int(2, 10);
  const documents = rng.int(4, 30);
  const batch = rng.int(2, 12);
  const flowii = startFlowii({ dataset: { seed, partners, documents } });
  const mserver = await startMServer({
    ...POHODA_USER,
    validateSchema: rng.chance(0.5),
    unreadable: UNREADABLE,
  });
  const proxies = { FLOWii: new FaultProxy(flowii.url), mServer: new FaultProxy(mserver.url) };
  const folder = await quietFolder();
  outcome.story.push(`${partners} partners, ${documents} documents, packs of ${batch}`);
  try {
    const bad = badItems(rng, flowii);
    const refused = bad.documents;
    outcome.struck.push(...bad.kinds);
    if (refused.length > 0) outcome.story.push(`bad items: ${refused.map((d) => d.number).join(", ")}`);
    let salt: number | undefined;
    const note = rng.pick(ITEM_REFUSALS);
    mserver.faults.rejectItem = (item) => {
      if (bad.refused(item.number)) return note;
      // About one item in four, partners too; a different few each time.
      if (salt === undefined) return undefined;
      const roll = hash(`${salt} ${item.itemId}`);
      return roll % 4 === 0 ? ITEM_REFUSALS[(roll >>> 2) % ITEM_REFUSALS.length] : undefined;
    };
    const target: FlowiiTarget = {
      flowii,
      mserver,
      aims: {
        flowii: { service: "FLOWii", statuses: [429, 500, 503], requests: 3 },
        mserver: { service: "mServer", statuses: [408, 500, 503], requests: 2 + packs(flowii, batch) },
      },
      packs: packs(flowii, batch),
      refuseSomeItems: (value) => salt = value,
    };
    const run = (plan: RunPlan, faulty: boolean) =>
      runUnder(proxies, plan, () =>
        syncFlowii({
          flowii: flowiiSettings(proxies.FLOWii.url, flowii.credentials, faulty ? FAULTY.flowii : {}),
          pohoda: pohodaSettings(proxies.mServer.url + "/xml", POHODA_USER, {
            batch_size: batch,
            ...(faulty ? FAULTY.pohoda : {}),
          }),
          ...folder,
        }));

    if (rng.chance(0.4)) {
      outcome.story.push(describeRun("first run", await run({ events: [] }, false)));
      changeRecords(rng, flowii);
      target.packs = packs(flowii, batch);
    }
    const faultyRuns = rng.pick([1, 1, 1, 2, 2, 3]);
    for (let i = 1; i <= faultyRuns; i++) {
      const plan = drawPlan(rng, target);
      const result = await run(plan, true);
      outcome.struck.push(...result.struck);
      outcome.story.push(describeRun(`faulty run ${i}`, result));
      if (result.bug !== undefined) outcome.problems.push(`faulty run ${i} ended with ${ending(result)}`);
      await settled(mserver);
      if (rng.chance(0.3)) changeRecords(rng, flowii);
    }

    flowii.clearFaults();
    const clean = await run({ events: [] }, false);
    outcome.story.push(describeRun("clean run", clean));
    const expected = refused.length > 0 ? 1 : 0;
    if (clean.code !== expected) {
      outcome.problems.push(`the clean run ended with ${ending(clean)}, not exit ${expected}`);
    }
    await settled(mserver);
    const findings = checkFlowii(flowii.dataset, mserver, refused, waitingItems(folder.paths.stateDb));
    Object.assign(outcome, { lost: findings.lost, duplicated: findings.duplicated });
    outcome.problems.push(...findings.problems);
    const verified = await verifyInProcess(folder.paths.stateDb, pohodaSettings(mserver.xmlUrl, POHODA_USER));
    outcome.problems.push(...disagreements(findings, verified));
  } finally {
    for (const proxy of Object.values(proxies)) await proxy.close();
    await flowii.close();
    await mserver.close();
    await folder.remove();
  }
  return outcome;
}

/** Faulty runs give up soon, so that timeouts and retries cost milliseconds, not minutes. */
const FAULTY = {
  flowii: { timeout_seconds: 1, max_attempts: 2 },
  pohoda: { timeout_seconds: 1, status_timeout_seconds: 1, max_attempts: 2 },
};

/** About how many packs a run posts: the partners', then the documents'. */
function packs(flowii: ReturnType<typeof startFlowii>, batch: number): number {
  const { partners, documents } = flowii.dataset;
  return Math.ceil(partners.length / batch) + Math.ceil(documents.length / batch);
}

/** Up to five faults, and a death in about half the runs. */
function drawPlan(rng: Random, target: FlowiiTarget): RunPlan {
  const events = [
    ...drawFaults(rng, TRANSPORT, rng.pick([target.aims.flowii, target.aims.mserver]), rng.int(0, 2)),
    ...drawFaults(rng, MSERVER, target, rng.int(0, 2)),
    ...drawFaults(rng, FLOWII, target, rng.int(0, 1)),
  ];
  if (!rng.chance(0.5)) return { events };
  if (rng.chance(0.5)) {
    const aim = rng.chance(0.75) ? posts(target) : target.aims.flowii;
    return { events: [...events, ...drawFaults(rng, CRASH_AT_REQUEST, aim, 1)] };
  }
  // Writes: the run's start, a staging batch per stream, a pack's outcomes each, the cursors, the end.
  return { events, ...drawDeath(rng, 4 + target.packs) };
}

/** FNV-1a: a stable number from a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
