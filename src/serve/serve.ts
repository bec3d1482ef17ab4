/**
 * `spojka serve`: each configured connector on its interval, the stock sync also on KROS
 * notifications, one run at a time and each under the data folder's lock, so a scheduled
 * `spojka sync` and `serve` never run beside each other. Stops cleanly on Ctrl+C or SIGTERM.
 *
 * @module
 */

import { ConfigError, ExitCode, LockedError } from "../core/errors.ts";
import { reportError } from "../core/report.ts";
import { readConfig } from "../config/file.ts";
import { serveSchema } from "../config/schema.ts";
import { type Config, configuredConnectors, type ConnectorId } from "../connectors/config.ts";
import type { Connector, RunEnv } from "../connectors/connector.ts";
import { runConnectors } from "../connectors/run.ts";
import { acquireLock } from "../state/lock.ts";
import { lastRuns } from "../state/runs.ts";
import { withState } from "../state/store.ts";
import { Cached, healthOf, type LastRuns } from "./health.ts";
import { handler, NOTIFY_PATH } from "./http.ts";
import { RefusalLog } from "./refusals.ts";
import { RecentNotifications } from "./replays.ts";
import { LOCKED_RETRY_MS, Runner, type RunOutcome } from "./runner.ts";
import { listen, type WireServer } from "./wire.ts";
import { m } from "../i18n/mod.ts";

/** Serves until a stop signal; returns the exit code. */
export async function serve(config: Config, env: RunEnv): Promise<ExitCode> {
  const { paths, log } = env;
  const connectors = configuredConnectors(config);
  const ids = connectors.map((c) => c.id);
  if (connectors.length === 0) {
    throw new ConfigError(m.sync.noneSetUp, { hint: m.sync.runInit });
  }
  const settings = config.serve ?? serveSchema.parse({});
  const recentRuns = new Cached(() => readLastRuns(env), HEALTH_STATE_MS);
  const runner = new Runner(
    (ids) => runOnce(ids, env).finally(() => recentRuns.forget()), // /healthz shows the run just ended
    ids,
    (e) => reportError(e, log, paths.dir),
  );
  const address = parseListen(settings.listen);
  // One source's notifications at this address (the HTTP side verifies KROS's signatures).
  const notified: Connector | undefined = connectors.find((c) => c.notifications);

  const refusals = new RefusalLog(log);
  let server: WireServer;
  try {
    server = listen(
      {
        ...address,
        onRefused: (kind) => refusals.count(kind),
        onError: (e) => reportError(e, log, paths.dir),
      },
      handler({
        notifyKey: notified?.notifications?.key(config),
        recent: new RecentNotifications(),
        onNotification: (summary) => {
          log.info(
            m.serveRun.notification(
              notified!.notifications!.source,
              summary,
              notified!.id,
              settings.debounce_seconds,
            ),
          );
          runner.request(notified!.id, settings.debounce_seconds * 1000);
        },
        onRefused: (kind) => refusals.count(kind),
        health: async () => healthOf(await recentRuns.get(), runner.busy, runner.pending),
      }),
    );
  } catch (e) {
    if (!(e instanceof Deno.errors.AddrInUse || e instanceof Deno.errors.PermissionDenied)) throw e;
    throw new ConfigError(m.serveRun.cannotListen(settings.listen, (e as Error).message), {
      hint: m.serveRun.cannotListenHint,
    });
  }

  const intervals = connectors.map(({ id, interval, notifications }) => {
    const minutes = interval(config);
    log.info(
      m.serveRun.every(id, minutes) +
        (notifications ? m.serveRun.andNotifications(notifications.source, NOTIFY_PATH) : ""),
    );
    return setInterval(() => runner.request(id), minutes * 60_000);
  });
  log.info(m.serveRun.listening(settings.listen));
  for (const id of ids) runner.request(id);

  await stopSignal();
  log.info(m.serveRun.stopping);
  for (const interval of intervals) clearInterval(interval);
  await runner.stop();
  await server.shutdown();
  refusals.flush();
  log.info(m.serveRun.stopped);
  return ExitCode.Ok;
}

/**
 * How long `/healthz` answers from the last runs it read: a flood of requests (the address faces the
 * internet) opens state.db once in this time, not once each.
 */
const HEALTH_STATE_MS = 5_000;

/** The last runs as the state holds them; a state that cannot be read is a failing health, not an error. */
async function readLastRuns({ paths }: RunEnv): Promise<LastRuns> {
  try {
    return { runs: await withState(paths, lastRuns) };
  } catch (e) {
    return { error: m.serveRun.stateUnreadable((e as Error).message) };
  }
}

/** One run of `ids` under the lock, with the config as it is now (an `init` meanwhile takes effect). */
async function runOnce(ids: ConnectorId[], env: RunEnv): Promise<RunOutcome> {
  const { paths, log } = env;
  let lock;
  try {
    lock = await acquireLock(paths, `serve (${ids.join(", ")})`);
  } catch (e) {
    if (!(e instanceof LockedError)) throw e; // the runner reports it; the next request tries again
    log.info(m.serveRun.tryingAgain(e.message, LOCKED_RETRY_MS / 1000));
    return "locked";
  }
  try {
    const config = await readConfig(paths);
    if (!config) throw new ConfigError(m.serveRun.configGone, { hint: m.sync.runInit });
    await runConnectors(configuredConnectors(config).filter((c) => ids.includes(c.id)), config, env);
    return "done";
  } catch (e) {
    // A broken config must not end the service: say so, and the next run tries again.
    log.error(m.serveRun.cannotStart((e as Error).message));
    return "done";
  } finally {
    await lock.release();
  }
}

function parseListen(listen: string): { hostname: string; port: number } {
  const colon = listen.lastIndexOf(":");
  return { hostname: listen.slice(0, colon).replace(/^\[|\]$/g, ""), port: Number(listen.slice(colon + 1)) };
}

/** Resolves on the first Ctrl+C or SIGTERM (Ctrl+Break on Windows); a second one ends the process at once. */
function stopSignal(): Promise<void> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT", "SIGBREAK"] : ["SIGINT", "SIGTERM"];
  return new Promise((resolve) => {
    let stopping = false;
    for (const signal of signals) {
      Deno.addSignalListener(signal, () => {
        if (stopping) Deno.exit(130);
        stopping = true;
        resolve();
      });
    }
  });
}
