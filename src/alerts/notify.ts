/**
 * After a connector's run: reads how it ended from the state, decides per channel what to tell
 * (`alerts.ts`), sends, and remembers what each channel delivered in the state's `alerts` memory,
 * so "once per problem per period" and the recovery notice hold across scheduled runs. An alert
 * that cannot be sent is logged and decided again after the next run; it never changes the run's
 * exit code.
 *
 * @module
 */

import type { AlertsConfig } from "../config/schema.ts";
import type { ConnectorId } from "../connectors/config.ts";
import type { DataPaths } from "../core/datadir.ts";
import { type ExitCode, ExitCode as Exit } from "../core/errors.ts";
import type { Log } from "../core/log.ts";
import { redact } from "../core/redact.ts";
import { failureOf } from "../core/report.ts";
import { m } from "../i18n/mod.ts";
import type { StateDb } from "../state/db.ts";
import { Memory } from "../state/memory.ts";
import { notableOutcomes } from "../state/outcomes.ts";
import { lastRuns } from "../state/runs.ts";
import { withState } from "../state/store.ts";
import { afterDelivery, type ChannelMemory, decide, type RejectedItem, type RunResult } from "./alerts.ts";
import { emailChannel } from "./email.ts";
import { compose, type Origin } from "./messages.ts";
import { webhookChannel } from "./webhook.ts";

/** The alerts' namespace in the state's memory; keys are `<channel>/<connector>`. */
const NAMESPACE = "alerts";

/** The outcomes of items a run could not deliver (those it counts as failed). */
const REJECTED = ["failed", "refused", "too_large", "named_twice", "held"];

/** What the caller knows when a connector's run is over. */
export interface RunEnded {
  connector: ConnectorId;
  /** Before the run began: its recorded run started at this time or later. */
  startedAt: Date;
  exitCode: ExitCode;
  /** What the run threw, if it did. */
  error?: unknown;
}

/** Where alerts run: the data folder and its log. */
export interface AlertEnv {
  paths: DataPaths;
  log: Log;
}

/** Tells every configured channel what `ended` calls for. Never throws. */
export async function alertRun(config: AlertsConfig, ended: RunEnded, env: AlertEnv): Promise<void> {
  const { paths, log } = env;
  try {
    const origin: Origin = {
      host: hostname(),
      dataDir: paths.dir,
      logFile: paths.log,
      repeatHours: config.repeat_hours,
    };
    const channels = [
      ...(config.email_to ? [emailChannel(config)] : []),
      ...(config.webhook_url ? [webhookChannel(config, origin, log)] : []),
    ];
    await withState(paths, async (db) => {
      const result = runResult(db, ended, paths.dir);
      const memory = new Memory(db, NAMESPACE);
      for (const channel of channels) {
        const key = `${channel.name}/${ended.connector}`;
        let told = memory.get<ChannelMemory>(key) ?? {};
        for (const notice of decide(result, told, config.repeat_hours * 3_600_000)) {
          const composed = compose(notice, origin);
          const message = { subject: redact(composed.subject), text: redact(composed.text) };
          try {
            await channel.send(notice, message);
          } catch (e) {
            log.warn(m.alerts.notSent(channel.name, message.subject, (e as Error).message));
            continue;
          }
          told = afterDelivery(told, notice);
          memory.set(key, told);
          log.info(m.alerts.sent(channel.name, message.subject));
        }
      }
    });
  } catch (e) {
    log.error(m.alerts.broken(redact((e as Error)?.message ?? String(e))));
  }
}

/** How the run ended: its recorded run, else (it stopped before one was recorded) what it threw. */
function runResult(db: StateDb, ended: RunEnded, dataDir: string): RunResult {
  const failure = ended.exitCode === Exit.Ok || ended.exitCode === Exit.ItemsFailed
    ? undefined
    : failureOf(ended.error, dataDir);
  const base = {
    connector: ended.connector,
    exitCode: ended.exitCode,
    ...(failure
      ? { failure: { message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) } }
      : {}),
  };
  const run = lastRuns(db)[ended.connector];
  if (!run || Date.parse(run.startedAt) < ended.startedAt.getTime()) {
    return { ...base, at: new Date().toISOString(), rejected: { total: 0, items: [] } };
  }
  const items: RejectedItem[] = notableOutcomes(db, run.id).items
    .filter((item) => REJECTED.includes(item.outcome))
    .map(({ key, agenda, label, detail }) => ({ key, agenda, label, ...(detail ? { reason: detail } : {}) }));
  const counted = Object.values(run.counts).reduce((sum, counts) => sum + (counts.failed ?? 0), 0);
  return { ...base, at: run.finishedAt, rejected: { total: Math.max(counted, items.length), items } };
}

function hostname(): string | undefined {
  try {
    return Deno.hostname();
  } catch {
    return undefined; // without --allow-sys=hostname the alert names no computer
  }
}
