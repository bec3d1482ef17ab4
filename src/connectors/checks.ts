/**
 * Connection checks for `init`: does each configured service answer and accept the credentials?
 * Each section present in the config brings its own check (config/section.ts).
 *
 * @module
 */

import { checkSmtp } from "../alerts/email.ts";
import { SpojkaError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";
import type { CheckContext, ConnectionCheck } from "../config/section.ts";
import type { StateDb } from "../state/db.ts";
import { type Config, connectorSections } from "./config.ts";

/** One service's verdict. */
export interface CheckResult {
  /** The config section checked, e.g. `pohoda`, or `alerts`. */
  section: string;
  service: string;
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  lines: string[];
}

/** Checks every service `config` sets up; a service that fails is reported, never thrown. */
export async function checkConnections(
  config: Config,
  log: CheckContext["log"],
  db: StateDb,
): Promise<CheckResult[]> {
  // A check answers at once: one attempt, a short timeout, no back-off.
  const ctx: CheckContext = { log, db, once: { max_attempts: 1, timeout_seconds: 15 } };
  const values = config as unknown as Record<string, never>;
  const checks: [string, ConnectionCheck][] = [];
  for (const section of connectorSections()) {
    if (section.check && values[section.name] !== undefined) {
      checks.push([section.name, section.check(values[section.name], ctx)]);
    }
  }
  if (config.alerts?.email_to) {
    const alerts = { ...config.alerts, timeout_seconds: ctx.once.timeout_seconds };
    checks.push(["alerts", {
      service: m.wizard.smtpService,
      run: async () => [await checkSmtp(alerts)],
    }]);
  }
  const results: CheckResult[] = [];
  for (const [section, { service, run }] of checks) {
    try {
      results.push({ section, service, ok: true, lines: await run() });
    } catch (e) {
      if (!(e instanceof SpojkaError)) throw e;
      results.push({ section, service, ok: false, lines: [e.message, ...(e.hint ? [e.hint] : [])] });
    }
  }
  return results;
}
