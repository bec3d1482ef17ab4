/**
 * Connection checks for `init`: does each configured service answer and accept the credentials?
 *
 * @module
 */

import { dirname } from "node:path";
import { checkSmtp } from "../alerts/email.ts";
import { SpojkaError } from "../core/errors.ts";
import type { Config, ConnectorId } from "../config/schema.ts";
import { openShop } from "../eshop/open.ts";
import { FlowiiClient } from "../flowii/client.ts";
import { krosClient } from "../kros/rate_log.ts";
import type { StateDb } from "../state/db.ts";
import { openTransport } from "../pohoda/transport.ts";

/** One service's verdict. */
export interface CheckResult {
  connector: ConnectorId | "alerts";
  service: string;
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  lines: string[];
}

type Log = { detail(message: string): void; info(message: string): void; warn(message: string): void };

/** Checks every service `config` sets up; a service that fails is reported, never thrown. */
export async function checkConnections(config: Config, log: Log, db: StateDb): Promise<CheckResult[]> {
  // A check answers at once: one attempt, a short timeout, no back-off.
  const once = { max_attempts: 1, timeout_seconds: 15 };
  const checks: [CheckResult["connector"], string, () => Promise<string[]>][] = [];
  if (config.flowii) {
    const flowii = { ...config.flowii, ...once };
    checks.push(["flowii", "FLOWii", async () => {
      await new FlowiiClient(flowii, log).token();
      return [`signed in as ${flowii.user}`];
    }]);
  }
  if (config.pohoda) {
    const pohoda = { ...config.pohoda, ...once };
    // The state database sits in the data folder, inside which the file exchange's folders default.
    const transport = openTransport(pohoda, { runId: "spojka-init", log, dataDir: dirname(db.path) });
    checks.push(["flowii", transport.service, async () => {
      const { summary, notes } = await transport.check();
      return [summary, ...notes];
    }]);
  }
  if (config.kros) {
    const kros = { ...config.kros, ...once };
    checks.push(["stock", "KROS", async () => {
      // Counted with the state's recent KROS requests: a sync right after init stays within the limits.
      await krosClient(kros, log, db).check();
      return ["the token works and the API module is active"];
    }]);
  }
  if (config.eshop) {
    const shop = openShop({ ...config.eshop, ...once }, log);
    checks.push(["stock", shop.name, async () => [await shop.check()]]);
  }
  if (config.alerts?.email_to) {
    const alerts = { ...config.alerts, timeout_seconds: once.timeout_seconds };
    checks.push(["alerts", "SMTP server for alerts", async () => [await checkSmtp(alerts)]]);
  }
  const results: CheckResult[] = [];
  for (const [connector, service, check] of checks) {
    try {
      results.push({ connector, service, ok: true, lines: await check() });
    } catch (e) {
      if (!(e instanceof SpojkaError)) throw e;
      results.push({ connector, service, ok: false, lines: [e.message, ...(e.hint ? [e.hint] : [])] });
    }
  }
  return results;
}
