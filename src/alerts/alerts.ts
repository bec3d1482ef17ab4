/**
 * Deciding what to tell after a connector's run, from how the run ended and what this channel has
 * already told: an alert for a new problem, again after the repeat period if it lasts, and a
 * recovery notice once a run no longer has it. Pure; `notify.ts` reads the run and sends.
 *
 * A problem is a connector's run that failed (its identity: the exit code and the message, numbers
 * aside) or items it rejected (their keys: fewer of the same items are the same problem, a new
 * item is a new one).
 *
 * @module
 */

import type { ConnectorId } from "../connectors/config.ts";

/** What can be wrong with a run. */
export type ProblemKind = "failed" | "rejected";

/** An item the target or spojka refused in the run. */
export interface RejectedItem {
  key: string;
  agenda: string;
  label: string;
  reason?: string;
}

/** How one run of a connector ended, as alerts see it. */
export interface RunResult {
  connector: ConnectorId;
  /** When the run ended (ISO time). */
  at: string;
  exitCode: number;
  /** What stopped the run, if something did. */
  failure?: { message: string; hint?: string };
  /** Every item rejected in the run (`total` may exceed `items` when some were counted only). */
  rejected: { total: number; items: RejectedItem[] };
}

/** A problem in a run, identified as the module doc says. */
type Problem =
  | { kind: "failed"; fingerprint: string }
  | { kind: "rejected"; keys: string[]; total: number };

/** A problem this channel told of, as remembered until a run no longer has it. */
export type Told = Problem & {
  /** When a run first had a problem of this kind, and when it was last told (ISO times). */
  since: string;
  sentAt: string;
};

/** What one channel has told of one connector's problems. */
export type ChannelMemory = Partial<Record<ProblemKind, Told>>;

/** Something to send. */
export type Notice =
  | {
    type: "alert";
    kind: ProblemKind;
    /** The problem was told before and lasts beyond the repeat period. */
    reminder: boolean;
    result: RunResult;
    /** What to remember once it is delivered. */
    told: Told;
  }
  | {
    type: "recovery";
    /** The problems that ended, with when each began. */
    ended: { kind: ProblemKind; since: string }[];
    result: RunResult;
  };

/** The notices this run calls for on a channel that remembers `memory`. */
export function decide(result: RunResult, memory: ChannelMemory, repeatMs: number): Notice[] {
  const notices: Notice[] = [];
  const now = Date.parse(result.at);
  for (const problem of problemsOf(result)) {
    const before = memory[problem.kind];
    const same = before !== undefined && sameProblem(problem, before);
    if (same && now - Date.parse(before.sentAt) < repeatMs) continue;
    notices.push({
      type: "alert",
      kind: problem.kind,
      reminder: same,
      result,
      told: { ...problem, since: before?.since ?? result.at, sentAt: result.at },
    });
  }
  const ended = (Object.keys(memory) as ProblemKind[])
    .filter((kind) => isOver(kind, result))
    .map((kind) => ({ kind, since: memory[kind]!.since }));
  if (ended.length > 0) notices.push({ type: "recovery", ended, result });
  return notices;
}

/** `memory` once `notice` has been delivered. */
export function afterDelivery(memory: ChannelMemory, notice: Notice): ChannelMemory {
  if (notice.type === "alert") return { ...memory, [notice.kind]: notice.told };
  const next = { ...memory };
  for (const { kind } of notice.ended) delete next[kind];
  return next;
}

function problemsOf(result: RunResult): Problem[] {
  const problems: Problem[] = [];
  if (result.failure) {
    // Numbers (ports, counts, seconds to wait) vary between runs of one and the same failure.
    const message = result.failure.message.replace(/\d+/g, "#").replace(/\s+/g, " ").slice(0, 300);
    problems.push({ kind: "failed", fingerprint: `exit ${result.exitCode}: ${message}` });
  }
  const { total, items } = result.rejected;
  if (total > 0) {
    const keys = [...new Set(items.map((item) => item.key))].sort();
    problems.push({ kind: "rejected", keys, total });
  }
  return problems;
}

function sameProblem(problem: Problem, told: Told): boolean {
  if (problem.kind === "failed") return told.kind === "failed" && problem.fingerprint === told.fingerprint;
  if (told.kind !== "rejected") return false;
  // The same items, or fewer of them (some were fixed), tell nothing new.
  const toldKeys = new Set(told.keys);
  return problem.total <= told.total && problem.keys.every((key) => toldKeys.has(key));
}

/** Whether a run that ended as `result` shows that a problem of `kind` is over. */
function isOver(kind: ProblemKind, result: RunResult): boolean {
  if (result.failure) return false; // a failed run says nothing about the items it did not reach
  return kind === "failed" || result.rejected.total === 0;
}
