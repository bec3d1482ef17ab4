/**
 * Reconciling what spojka confirmed (the ledger) with what POHODA holds, through list requests:
 * every confirmed document (invoice or order) must be in POHODA exactly once, with the same number,
 * partner IČO and total; every confirmed partner exactly once. Documents are found by type and
 * number (by POHODA's id when they have no number), partners by the identity their upsert filters by
 * (external id, else IČO).
 *
 * POHODA is listed per document type, the whole agenda by default; with `since`, only documents
 * dated from the earliest date among those checked, so a duplicate dated before it goes unseen. The
 * address book is listed once per external system the partners are known by. Each listing is held
 * as a small index (number → facts), never as XML.
 *
 * @module
 */

import { formatLocal } from "../core/time.ts";
import { agendaName, m } from "../i18n/mod.ts";
import { describeDocument, differences, type DocumentFacts, type PartnerFacts } from "../pohoda/facts.ts";
import type { DocumentQuery, PohodaLists } from "../pohoda/list.ts";
import type { ConfirmedAs, Ledger, LedgerDocument, LedgerPartner } from "./ledger.ts";

/** What to check. */
export interface VerifyOptions {
  /** Only documents confirmed since then (partners are always checked). */
  since?: Date;
  /** Told what is being listed, for the log. */
  progress?: (message: string) => void;
}

/** One disagreement between the ledger and POHODA. */
export interface Problem {
  /** `missing`: not in POHODA; `duplicated`: more than once; `mismatched`: partner IČO or total differ. */
  kind: "missing" | "duplicated" | "mismatched";
  /** The document type, or `addressbook`. */
  agenda: string;
  /** The outbox key of the item. */
  key: string;
  /** What people recognise: number and partner, or the partner's name and IČO. */
  label: string;
  confirmedAt: string;
  confirmedAs: ConfirmedAs;
  /** What spojka confirmed: a document's facts, or how a partner is found. */
  ours: DocumentFacts | { identity: LedgerPartner["identity"]; pohodaId?: string };
  /** POHODA's records with that number or identity. */
  pohoda: (DocumentFacts | PartnerFacts)[];
  /** How they differ, for `mismatched`. */
  differences?: string[];
}

/** The outcome of a reconciliation. */
export interface VerifyReport {
  /** Everything checked agrees. */
  ok: boolean;
  /** `--since`, as an ISO time. */
  since?: string;
  /** The first confirmation in the ledger: items confirmed before the ledger existed are not in it. */
  ledgerStarts?: string;
  checked: { documents: number; partners: number };
  /** Confirmed items that cannot be looked up (no number and no POHODA id, or no identity). */
  notChecked: { agenda: string; count: number }[];
  problems: Problem[];
}

/** Checks the ledger against POHODA. */
export async function verifyPohoda(
  ledger: Ledger,
  lists: Pick<PohodaLists, "documents" | "addresses">,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const progress = options.progress ?? (() => {});
  const problems: Problem[] = [];
  const notChecked: VerifyReport["notChecked"] = [];
  let documents = 0;
  for (const { agenda, count, earliestDate } of ledger.documentAgendas(options.since)) {
    const query: DocumentQuery = { type: agenda };
    if (options.since && earliestDate) query.dateFrom = earliestDate;
    progress(m.verifyRun.listing(agendaName(agenda), count));
    const index = await documentIndex(lists.documents(query), agenda);
    let unchecked = 0;
    for (const document of ledger.documents(agenda, options.since)) {
      const problem = checkDocument(document, index);
      if (problem === "unchecked") unchecked++;
      else if (problem) problems.push(problem);
    }
    documents += count - unchecked;
    if (unchecked > 0) notChecked.push({ agenda, count: unchecked });
  }

  let partners = 0;
  if (ledger.partnerCount() > 0) {
    progress(m.verifyRun.listing(agendaName("addressbook"), ledger.partnerCount()));
    const index = await partnerIndex(lists, ledger.partnerSystems());
    let unchecked = 0;
    for (const partner of ledger.partners()) {
      const problem = checkPartner(partner, index);
      if (problem === "unchecked") unchecked++;
      else {
        partners++;
        if (problem) problems.push(problem);
      }
    }
    if (unchecked > 0) notChecked.push({ agenda: "addressbook", count: unchecked });
  }
  const ledgerStarts = ledger.firstConfirmation();
  return {
    ok: problems.length === 0,
    ...(options.since ? { since: options.since.toISOString() } : {}),
    ...(ledgerStarts ? { ledgerStarts } : {}),
    checked: { documents, partners },
    notChecked,
    problems,
  };
}

/** The reports of several accounting units (src/pohoda/units.ts) as one: it agrees when each does. */
export function combineReports(reports: readonly VerifyReport[]): VerifyReport {
  const since = reports.find((r) => r.since !== undefined)?.since;
  const starts = reports.map((r) => r.ledgerStarts).filter((s) => s !== undefined).sort();
  return {
    ok: reports.every((r) => r.ok),
    ...(since ? { since } : {}),
    ...(starts.length > 0 ? { ledgerStarts: starts[0] } : {}),
    checked: {
      documents: reports.reduce((sum, r) => sum + r.checked.documents, 0),
      partners: reports.reduce((sum, r) => sum + r.checked.partners, 0),
    },
    notChecked: reports.flatMap((r) => r.notChecked),
    problems: reports.flatMap((r) => r.problems),
  };
}

/** POHODA's documents of one type, by number and by id. */
interface DocumentIndex {
  byNumber: Map<string, DocumentFacts[]>;
  byId: Map<string, DocumentFacts>;
}

async function documentIndex(listed: AsyncIterable<DocumentFacts>, agenda: string): Promise<DocumentIndex> {
  const index: DocumentIndex = { byNumber: new Map(), byId: new Map() };
  for await (const facts of listed) {
    // POHODA may answer with the type's whole agenda (credit notes among invoices): keep this type.
    if (facts.agenda !== agenda) continue;
    if (facts.number !== undefined) push(index.byNumber, facts.number, facts);
    if (facts.id !== undefined) index.byId.set(facts.id, facts);
  }
  return index;
}

function checkDocument(document: LedgerDocument, index: DocumentIndex): Problem | undefined | "unchecked" {
  const ours = document.facts;
  const found = ours.number !== undefined
    ? index.byNumber.get(ours.number) ?? []
    : ours.id !== undefined
    ? [index.byId.get(ours.id)].filter((f) => f !== undefined)
    : undefined;
  if (found === undefined) return "unchecked";
  const problem = (kind: Problem["kind"], extra: Partial<Problem> = {}): Problem => ({
    kind,
    agenda: document.agenda,
    key: document.key,
    label: document.label,
    confirmedAt: document.confirmedAt,
    confirmedAs: document.confirmedAs,
    ours,
    pohoda: found,
    ...extra,
  });
  if (found.length === 0) return problem("missing");
  if (found.length > 1) return problem("duplicated");
  const differ = differences(ours, found[0]);
  return differ.length > 0 ? problem("mismatched", { differences: differ }) : undefined;
}

/** POHODA's partners by external id (`system\0ids`) and by IČO. */
interface PartnerIndex {
  byExtId: Map<string, PartnerFacts[]>;
  byIco: Map<string, PartnerFacts[]>;
}

/**
 * The address book indexed: listed once per external system (a listing carries only that system's
 * ids), or once when no partner is known by an external id. IČOs are indexed from the first listing.
 */
async function partnerIndex(
  lists: Pick<PohodaLists, "addresses">,
  systems: string[],
): Promise<PartnerIndex> {
  const index: PartnerIndex = { byExtId: new Map(), byIco: new Map() };
  const listings = systems.length > 0 ? systems : [undefined];
  for (const [i, system] of listings.entries()) {
    for await (const facts of lists.addresses(system)) {
      for (const extId of facts.extIds) {
        if (extId.system === system) push(index.byExtId, extIdKey(extId.system, extId.ids), facts);
      }
      if (i === 0 && facts.ico) push(index.byIco, normalIco(facts.ico), facts);
    }
  }
  return index;
}

function checkPartner(partner: LedgerPartner, index: PartnerIndex): Problem | undefined | "unchecked" {
  const { identity } = partner;
  if (!identity) return "unchecked";
  const found = "extId" in identity
    ? index.byExtId.get(extIdKey(identity.extId.system, identity.extId.ids)) ?? []
    : index.byIco.get(normalIco(identity.ico)) ?? [];
  if (found.length === 1) return undefined;
  return {
    kind: found.length === 0 ? "missing" : "duplicated",
    agenda: partner.agenda,
    key: partner.key,
    label: partner.label,
    confirmedAt: partner.confirmedAt,
    confirmedAs: partner.confirmedAs,
    ours: { identity, ...(partner.pohodaId ? { pohodaId: partner.pohodaId } : {}) },
    pohoda: found,
  };
}

function extIdKey(system: string, ids: string): string {
  return `${system}\u0000${ids}`;
}

/** IČOs compare without spaces and case. */
function normalIco(ico: string): string {
  return ico.replace(/\s+/g, "").toUpperCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many problems of each kind the text report names; `--json` gives them all. */
const LISTED = 50;

/** The report as text for people: what was checked, then each problem by agenda, number and partner. */
export function formatVerify(report: VerifyReport): string {
  const { documents, partners } = report.checked;
  const since = report.since ? formatLocal(new Date(report.since)) : undefined;
  const lines = [m.verifyRun.checked(documents, since, partners)];
  if (report.ledgerStarts) lines.push(m.verifyRun.ledgerStarts(formatLocal(new Date(report.ledgerStarts))));
  for (const { agenda, count } of report.notChecked) {
    lines.push(m.verifyRun.notChecked(count, agendaName(agenda)));
  }
  if (!report.ledgerStarts) {
    lines.push(m.verifyRun.nothingYet);
    return lines.join("\n");
  }
  if (report.ok) {
    lines.push(m.verifyRun.allAgree);
    return lines.join("\n");
  }
  for (const kind of ["missing", "duplicated", "mismatched"] as const) {
    const found = report.problems.filter((p) => p.kind === kind);
    if (found.length === 0) continue;
    lines.push("", `${m.verifyRun.headings[kind]} (${found.length}):`);
    for (const problem of found.slice(0, LISTED)) {
      lines.push(`  ${agendaName(problem.agenda)} ${problem.label}: ${explain(problem)}`);
    }
    if (found.length > LISTED) lines.push(m.verifyRun.more(found.length - LISTED));
  }
  lines.push("", m.verifyRun.problems(report.problems.length));
  return lines.join("\n");
}

function explain(problem: Problem): string {
  const confirmed = m.verifyRun.confirmed(
    problem.confirmedAs === "imported",
    formatLocal(new Date(problem.confirmedAt)),
  );
  if (problem.kind === "mismatched") {
    return `${problem.differences!.join("; ")} (${describeRecord(problem.pohoda[0])})`;
  }
  if (problem.kind === "duplicated") {
    return m.verifyRun.records(problem.pohoda.length, problem.pohoda.map(describeRecord).join("; "));
  }
  return m.verifyRun.notFound(
    confirmed + ("identity" in problem.ours ? `, ${identity(problem.ours.identity)}` : ""),
  );
}

function describeRecord(record: DocumentFacts | PartnerFacts): string {
  if ("agenda" in record) return describeDocument(record);
  return [record.name, record.ico && `IČO ${record.ico}`, record.id && m.verifyRun.pohodaId(record.id)]
    .filter(
      Boolean,
    )
    .join(", ");
}

function identity(found: LedgerPartner["identity"]): string {
  if (!found) return m.verifyRun.noIdentity;
  return "extId" in found
    ? m.verifyRun.byExtId(found.extId.system, found.extId.ids)
    : m.verifyRun.byIco(found.ico);
}
