/**
 * Before importing: is mServer running, does it accept the credentials, and does it serve the
 * accounting unit the config names? A misrouted year or company is a classic failure.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";
import { isMServerXmlUrl, type PohodaConfig } from "./config.ts";
import type { CompanyDetail, MServer } from "./mserver.ts";

/** What the check found. */
export interface MServerCheck {
  detail: CompanyDetail | null;
  /** Things worth telling the user that do not stop the run. */
  notes: string[];
}

/** Checks mServer; throws ServiceError (unreachable, credentials) or ConfigError (another accounting unit). */
export async function checkMServer(mserver: MServer, config: PohodaConfig): Promise<MServerCheck> {
  // Before any request: elsewhere mServer answers 404, which would look like a wrong password.
  if (!isMServerXmlUrl(config.url)) {
    throw new ConfigError(m.wizard.mserverXmlCheck(config.url), { hint: m.wizard.mserverXmlHint });
  }
  const notes: string[] = [];
  const status = await mserver.status();
  if (status === null) {
    notes.push(m.mserverCheck.noStatusPage);
  } else if (status.state && status.state !== "idle") {
    notes.push(m.mserverCheck.busy(status.state, status.processing));
  }
  const detail = status === null ? null : await mserver.companyDetail();
  if (detail?.ico && detail.ico !== config.ico) {
    const unit = [detail.company, detail.database].filter(Boolean).join(", ");
    throw new ConfigError(m.mserverCheck.otherUnit(config.url, detail.ico, unit, config.ico), {
      hint: m.mserverCheck.otherUnitHint,
    });
  }
  if (status !== null && !detail?.ico) {
    notes.push(m.mserverCheck.noIco);
  }
  return { detail, notes };
}
