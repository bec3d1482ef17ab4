/**
 * `spojka verify` after a schedule: its reconciliation must agree with the emulator's own store.
 * When POHODA holds every record once, verify must say everything agrees; when POHODA holds a
 * document twice, verify must name it. (A record that never reached POHODA is not verify's to
 * find: verify checks what spojka confirmed.)
 *
 * In-process schedules run the same reconciliation the command runs (ledger against list requests
 * through mServer); the schedules that run the real program run `spojka verify --json`.
 *
 * @module
 */

import type { PohodaConfig } from "../../src/pohoda/config.ts";
import { Log } from "../../src/core/log.ts";
import { Ledger } from "../../src/pipeline/ledger.ts";
import { verifyPohoda, type VerifyReport } from "../../src/pipeline/verify.ts";
import { PohodaLists } from "../../src/pohoda/list.ts";
import { MServer } from "../../src/pohoda/mserver.ts";
import { StateDb } from "../../src/state/db.ts";
import type { Findings } from "./invariant.ts";

/** What verify reports, as far as the agreement goes (`spojka verify --json` prints more). */
export type Verified = Pick<VerifyReport, "ok"> & {
  problems: Pick<VerifyReport["problems"][number], "kind" | "label">[];
};

/** `spojka verify`'s reconciliation of the state at `stateDb` with the POHODA `pohoda` names. */
export async function verifyInProcess(stateDb: string, pohoda: PohodaConfig): Promise<Verified> {
  const mserver = new MServer(pohoda, "chaos-verify", new Log({ file: null, echo: false }));
  // A list imports nothing: no batch duplicity check, as the command sends it.
  const lists = new PohodaLists((pack) => mserver.post(pack, false), pohoda.ico);
  const db = StateDb.open(stateDb);
  try {
    return await verifyPohoda(new Ledger(db, "flowii"), lists);
  } finally {
    db.close();
  }
}

/** Where verify and the emulator's store disagree, a sentence each. */
export function disagreements(findings: Findings, verified: Verified): string[] {
  const named = verified.problems.map((p) => `${p.kind} ${p.label}`);
  if (findings.lost === 0 && findings.duplicated === 0 && !verified.ok) {
    return [`spojka verify reports ${named.join("; ")}, though POHODA holds every record once`];
  }
  if (findings.duplicated > 0 && !verified.problems.some((p) => p.kind === "duplicated")) {
    return [`spojka verify does not see the ${findings.duplicated} records POHODA holds twice`];
  }
  return [];
}
