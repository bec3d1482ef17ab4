/**
 * The promises a schedule checks after its clean run, as figures and sentences:
 * - FLOWii → POHODA: every FLOWii document in the emulated POHODA exactly once, every partner once,
 *   except the documents the emulator refuses on purpose; those, and only those, wait in the outbox;
 *   every pack spojka sent validates against the XSD.
 * - KROS → e-shop: every product both sides sell (once each) has the quantity KROS gives it.
 *
 * @module
 */

import { landed } from "../../bench/landed.ts";
import type { FlowiiDataset } from "../emulators/flowii/dataset.ts";
import type { IssuedDocument } from "../emulators/flowii/records.ts";
import type { MServer } from "../emulators/mserver/mod.ts";
import { Outbox, type QueuedItem } from "../../src/pipeline/outbox.ts";
import { StateDb } from "../../src/state/db.ts";

/** What a check found. */
export interface Findings {
  /** Records that should be in the target and are not (nor waiting to be sent). */
  lost: number;
  /** Records the target holds more than once. */
  duplicated: number;
  /** Anything else broken, one sentence each. */
  problems: string[];
}

/** A FLOWii document as the outbox and POHODA name it. */
function documentName(doc: IssuedDocument): string {
  return `${doc.type} ${doc.number}`;
}

/**
 * FLOWii → POHODA after the clean run: `refused` are the documents the emulator refuses on purpose,
 * `waiting` what the outbox holds.
 */
export function checkFlowii(
  dataset: FlowiiDataset,
  mserver: MServer,
  refused: readonly IssuedDocument[],
  waiting: readonly QueuedItem[],
): Findings {
  const { documents, partners } = landed(dataset, mserver.pohoda);
  const imported = new Set(mserver.pohoda.invoices.map((i) => `${i.invoiceType} ${i.number}`));
  const problems: string[] = [];
  const refusedNames = new Set(refused.map(documentName));
  // `landed` expects every document; those refused on purpose are rightly missing.
  const rightlyMissing = refused.filter((doc) => !imported.has(documentName(doc))).length;
  for (const doc of refused) {
    if (imported.has(documentName(doc))) {
      problems.push(`${documentName(doc)} is in POHODA though POHODA refuses it`);
    }
  }
  const waitingNames = new Set(waiting.map((item) => `${item.agenda} ${item.label.split(" ")[0]}`));
  // A refused document that no longer waits was dropped: nothing will ever bring it to POHODA.
  const dropped = refused.filter((doc) => !waitingNames.has(documentName(doc)));
  for (const doc of dropped) {
    problems.push(`${documentName(doc)}, refused by POHODA, no longer waits in the outbox`);
  }
  const stray = waiting.filter((item) => !refusedNames.has(`${item.agenda} ${item.label.split(" ")[0]}`));
  for (const item of stray) {
    problems.push(
      `${item.agenda} ${item.label} still waits in the outbox (${item.status}: ${item.error ?? "not sent"})`,
    );
  }
  if (documents.unknown + partners.unknown > 0) {
    problems.push(
      `POHODA holds ${documents.unknown} documents and ${partners.unknown} partners FLOWii does not`,
    );
  }
  // Requests a fault proxy cut off mid-body and completed with spaces are its own, not spojka's packs.
  const invalid = mserver.requests.filter((r) => r.schemaIssues?.length && !r.body?.endsWith(" "));
  for (const request of invalid) {
    problems.push(`pack ${request.packId} does not validate: ${request.schemaIssues![0].message}`);
  }
  return {
    lost: documents.missing - rightlyMissing + partners.missing + dropped.length,
    duplicated: documents.duplicated + partners.duplicated,
    problems,
  };
}

/** One product as both sides see it after the clean run. */
export interface ProductCheck {
  code: string;
  /** What KROS's stock makes of it. */
  expected: number;
  /** What the shop holds (`undefined`: the shop does not know the product). */
  actual: number | null | undefined;
}

/** KROS → e-shop after the clean run: a product with another quantity than KROS's is lost. */
export function checkStock(products: readonly ProductCheck[]): Findings {
  const wrong = products.filter((p) => p.actual !== p.expected);
  return {
    lost: wrong.length,
    duplicated: 0,
    problems: wrong.map((p) => `${p.code}: the shop has ${p.actual}, KROS says ${p.expected}`),
  };
}

/** Waits until mServer has answered everything it received, the requests of dead runs included. */
export async function settled(mserver: MServer): Promise<void> {
  for (let i = 0; i < 200 && mserver.requests.some((r) => r.status === undefined); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What waits in the outbox. */
export function waitingItems(path: string): QueuedItem[] {
  const db = StateDb.open(path);
  try {
    return [...new Outbox(db, "flowii").inOrder()];
  } finally {
    db.close();
  }
}
