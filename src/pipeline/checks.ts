/**
 * Connection checks for `init`: does each configured service answer and accept the credentials?
 *
 * @module
 */

import { SpojkaError } from "../core/errors.ts";
import type { Config } from "../config/schema.ts";
import { FlowiiClient } from "../flowii/client.ts";
import { checkMServer } from "../pohoda/check.ts";
import { MServer } from "../pohoda/mserver.ts";

/** One service's verdict. */
export interface CheckResult {
  service: string;
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  lines: string[];
}

/** Checks every service `config` sets up; never throws for a service that fails, it reports it. */
export async function checkConnections(
  config: Config,
  log: { detail(message: string): void },
): Promise<CheckResult[]> {
  // A check answers at once: one attempt, a short timeout, no back-off.
  const once = { max_attempts: 1, timeout_seconds: 15 };
  const results: CheckResult[] = [];
  if (config.flowii) {
    const flowii = { ...config.flowii, ...once };
    results.push(
      await verdict("FLOWii", async () => {
        await new FlowiiClient(flowii, log).token();
        return [`signed in as ${flowii.user}`];
      }),
    );
  }
  if (config.pohoda) {
    const pohoda = { ...config.pohoda, ...once };
    results.push(
      await verdict("POHODA mServer", async () => {
        const { detail, notes } = await checkMServer(new MServer(pohoda, "spojka-init", log), pohoda);
        const unit = detail &&
          [
            detail.company,
            detail.ico && `IČO ${detail.ico}`,
            detail.database,
            detail.year && `year ${detail.year}`,
          ]
            .filter(Boolean).join(", ");
        return [unit ? `answers for ${unit}` : "answers", ...notes];
      }),
    );
  }
  return results;
}

async function verdict(service: string, check: () => Promise<string[]>): Promise<CheckResult> {
  try {
    return { service, ok: true, lines: await check() };
  } catch (e) {
    if (!(e instanceof SpojkaError)) throw e;
    return { service, ok: false, lines: [e.message, ...(e.hint ? [e.hint] : [])] };
  }
}
