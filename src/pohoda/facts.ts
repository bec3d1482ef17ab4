/**
 * The facts that say which POHODA record a record is, and whether two copies of a document agree:
 * a document's type, number, partner IČO, total and date; a partner's identity. The same reader
 * serves spojka's own payloads (the ledger) and POHODA's list answers, so both sides are judged by
 * one rule. Documents are invoices (`inv:invoice`, `lst:invoice`) and orders (`ord:order`,
 * `lst:order`): the two agendas keep their facts in elements of the same names and types, under
 * their own prefixes (`inv:invoiceHeader` / `ord:orderHeader`, `inv:invoiceSummary` /
 * `ord:orderSummary`, both summaries of `typ:typeCurrencyHome` and `typ:typeCurrencyForeign`).
 *
 * **The document total** is the total in the document's own currency as POHODA's summary states it:
 * with a foreign currency, `…Summary/…:foreignCurrency/typ:priceSum`; otherwise the sum of the parts
 * of `…Summary/…:homeCurrency`: `priceNone` + `priceLowSum` + `priceHighSum` + `price3Sum` (each
 * `…Sum` missing: its base plus its VAT) + `round/priceRound`. POHODA itself computes the total
 * from the rates and the rounding (Stormware's support in radekhulan/myinvoice#165: homeCurrency
 * has no priceSum), and its own export states every part (the real list answer in
 * `pohoda-samples`: 0 + 0 + 9820 + 0 + 0 = 9820, its amount to pay). Whether the foreign `priceSum`
 * includes a foreign `round` is not documented; it is taken as the total. A document whose summary
 * states no amount has no known total, and its total is not compared. **Not verified**: that
 * POHODA's list answer states an order's summary as it does an invoice's (no real order answer has
 * been seen; the XSD gives both the same types).
 *
 * @module
 */

import { agendaName, m } from "../i18n/mod.ts";
import { NS } from "./namespaces.ts";
import { at, child, childrenOf, isElement, localName, parseXml, text, type XmlElement } from "./xmltree.ts";

/** What identifies a document and what must agree between spojka's copy and POHODA's. */
export interface DocumentFacts {
  /** The document type: `inv:invoiceType` (e.g. `issuedInvoice`) or `ord:orderType` (`receivedOrder`). */
  agenda: string;
  /** `…:number/typ:numberRequested`. */
  number?: string;
  /** The partner's IČO (`…:partnerIdentity/typ:address/typ:ico`). */
  partnerIco?: string;
  /** The partner's company, else name, for people to recognise it. */
  partnerName?: string;
  /** The total in cents of the document's currency (see the module notes); unknown when not stated. */
  totalCents?: number;
  /** The foreign currency (`EUR` …); absent for the home currency. */
  currency?: string;
  /** `…:date`, YYYY-MM-DD. */
  date?: string;
  /** POHODA's record id (`inv:invoiceHeader/inv:id`, `ord:orderHeader/ord:id`), in POHODA's answers. */
  id?: string;
}

/** An external id (`typ:extId`): the record's id in an external system. */
export interface ExtId {
  ids: string;
  system: string;
}

/** What identifies a partner. */
export interface PartnerFacts {
  /**
   * How spojka's upsert finds the partner (its `ftr:filter`): by external id, or by IČO. Only in
   * spojka's payloads.
   */
  filter?: { extId: ExtId } | { ico: string };
  /** External ids of the record (`adb:identity/typ:extId`). */
  extIds: ExtId[];
  ico?: string;
  /** Company, else name. */
  name?: string;
  /** POHODA's record id (`adb:addressbookHeader/adb:id`), in POHODA's answers. */
  id?: string;
}

/** Where a document agenda keeps its facts: the namespace of its parts and their names. */
interface DocumentShape {
  ns: string;
  header: string;
  type: string;
  summary: string;
}

/** The document agendas, by the local name of their record (`inv:invoice`, `lst:order` …). */
const DOCUMENT_SHAPES: Record<string, DocumentShape> = {
  invoice: { ns: NS.inv, header: "invoiceHeader", type: "invoiceType", summary: "invoiceSummary" },
  order: { ns: NS.ord, header: "orderHeader", type: "orderType", summary: "orderSummary" },
};

/** The shape of a document record, by its local name; `undefined` for other records. */
function shapeOf(record: XmlElement): DocumentShape | undefined {
  const name = localName(record.name);
  return Object.hasOwn(DOCUMENT_SHAPES, name) ? DOCUMENT_SHAPES[name] : undefined;
}

/** The facts of an outbox item, by its payload; `undefined` for agendas without facts or an unreadable payload. */
export function itemFacts(
  payload: string,
): { kind: "document"; facts: DocumentFacts } | { kind: "partner"; facts: PartnerFacts } | undefined {
  let root: XmlElement;
  try {
    root = parseXml(withoutItems(payload));
  } catch {
    // spojka wrote the payload itself; a fault here must not cost the pack its outcomes.
    return undefined;
  }
  if (shapeOf(root)?.ns === root.ns) return { kind: "document", facts: documentFacts(root) };
  if (isElement(root, NS.adb, "addressbook")) return { kind: "partner", facts: partnerFacts(root) };
  return undefined;
}

/**
 * The payload without its items (`invoiceDetail`, `orderDetail`): the items are most of a document
 * and hold none of its facts; skipping them about halves the cost of reading a payload. A cut by
 * text is sound for spojka's own serialisation (xmltree.ts), which writes no comments or CDATA and
 * escapes every `<` in text, so the first end tag of that name closes it.
 */
function withoutItems(payload: string): string {
  const start = /<([\w.-]+:)?(invoiceDetail|orderDetail)[\s>]/.exec(payload);
  if (!start) return payload;
  const endTag = `</${start[1] ?? ""}${start[2]}>`;
  const end = payload.indexOf(endTag, start.index);
  return end < 0 ? payload : payload.slice(0, start.index) + payload.slice(end + endTag.length);
}

/**
 * The facts of a document: an `inv:invoice` or `ord:order` payload, or a `lst:invoice` or
 * `lst:order` of a list answer (told apart by the record's local name).
 */
export function documentFacts(record: XmlElement): DocumentFacts {
  const shape = shapeOf(record) ?? DOCUMENT_SHAPES.invoice;
  const { ns } = shape;
  const header = child(record, ns, shape.header);
  const address = at(header, [ns, "partnerIdentity"], [NS.typ, "address"]);
  const summary = child(record, ns, shape.summary);
  const foreign = child(summary, ns, "foreignCurrency");
  const currency = field(at(foreign, [NS.typ, "currency"], [NS.typ, "ids"]));
  const foreignTotal = cents(child(foreign, NS.typ, "priceSum"));
  const facts: DocumentFacts = {
    agenda: field(child(header, ns, shape.type)) ?? localName(record.name),
    number: field(at(header, [ns, "number"], [NS.typ, "numberRequested"])),
    partnerIco: field(child(address, NS.typ, "ico")),
    partnerName: field(child(address, NS.typ, "company")) ?? field(child(address, NS.typ, "name")),
    totalCents: foreignTotal ?? (currency ? undefined : homeTotal(child(summary, ns, "homeCurrency"))),
    currency,
    date: field(child(header, ns, "date"))?.slice(0, 10),
    id: field(child(header, ns, "id")),
  };
  return withoutUndefined(facts);
}

/** `priceNone + Σ price…Sum + round/priceRound`, or undefined when no part is stated. */
function homeTotal(home: XmlElement | undefined): number | undefined {
  const part = (name: string) => cents(child(home, NS.typ, name));
  const parts = [part("priceNone"), cents(at(home, [NS.typ, "round"], [NS.typ, "priceRound"]))];
  for (const rate of ["priceLow", "priceHigh", "price3"]) {
    const base = part(rate);
    const vat = part(`${rate}VAT`);
    parts.push(
      part(`${rate}Sum`) ?? (base === undefined && vat === undefined ? undefined : (base ?? 0) + (vat ?? 0)),
    );
  }
  const stated = parts.filter((p) => p !== undefined);
  return stated.length === 0 ? undefined : stated.reduce((sum, p) => sum + p, 0);
}

/** The facts of an `adb:addressbook` (a payload with its upsert filter, or a `lAdb:addressbook` of a list answer). */
export function partnerFacts(addressbook: XmlElement): PartnerFacts {
  const header = child(addressbook, NS.adb, "addressbookHeader");
  const identity = child(header, NS.adb, "identity");
  const address = child(identity, NS.typ, "address");
  const filter = at(addressbook, [NS.adb, "actionType"], [NS.adb, "update"], [NS.ftr, "filter"]) ??
    at(addressbook, [NS.adb, "actionType"], [NS.adb, "add"], [NS.ftr, "filter"]);
  const byExtId = child(filter, NS.ftr, "extId");
  const byIco = field(child(filter, NS.ftr, "ico"));
  const facts: PartnerFacts = {
    filter: byExtId ? { extId: extId(byExtId) } : byIco ? { ico: byIco } : undefined,
    extIds: childrenOf(identity, NS.typ, "extId").map(extId),
    ico: field(child(address, NS.typ, "ico")),
    name: field(child(address, NS.typ, "company")) ?? field(child(address, NS.typ, "name")),
    id: field(child(header, NS.adb, "id")),
  };
  return withoutUndefined(facts);
}

function extId(el: XmlElement): ExtId {
  return {
    ids: field(child(el, NS.typ, "ids")) ?? "",
    system: field(child(el, NS.typ, "exSystemName")) ?? "",
  };
}

/**
 * How POHODA's copy of a document differs from spojka's, in words (empty when they agree): the
 * partner's IČO (compared without spaces, an absent one equal to an empty one) and the total to the
 * cent in the same currency. A total spojka does not know is not compared.
 */
export function differences(ours: DocumentFacts, pohoda: DocumentFacts): string[] {
  const found: string[] = [];
  const ico = (facts: DocumentFacts) => facts.partnerIco?.replace(/\s+/g, "").toUpperCase() ?? "";
  if (ico(ours) !== ico(pohoda)) {
    found.push(m.verifyRun.icoDiffers(ours.partnerIco, pohoda.partnerIco));
  }
  if (ours.totalCents !== undefined) {
    if ((ours.currency ?? "") !== (pohoda.currency ?? "")) {
      found.push(m.verifyRun.currencyDiffers(ours.currency, pohoda.currency));
    } else if (ours.totalCents !== pohoda.totalCents) {
      found.push(m.verifyRun.totalDiffers(amount(ours), amount(pohoda)));
    }
  }
  return found;
}

/** `1210.00 EUR`, `1210.00` (home currency), or `unknown`. */
export function amount(facts: DocumentFacts): string {
  if (facts.totalCents === undefined) return m.verifyRun.unknown;
  const sign = facts.totalCents < 0 ? "-" : "";
  const abs = Math.abs(facts.totalCents);
  const value = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return facts.currency ? `${value} ${facts.currency}` : value;
}

/**
 * A document as people recognise it: `Issued invoices 2026100001 (Firma s.r.o., IČO 12345678, total
 * 1210.00, 2026-03-10, POHODA id 412)`.
 */
export function describeDocument(facts: DocumentFacts): string {
  const details = [
    facts.partnerName,
    facts.partnerIco && `IČO ${facts.partnerIco}`,
    facts.totalCents !== undefined && m.verifyRun.total(amount(facts)),
    facts.date,
    facts.id && m.verifyRun.pohodaId(facts.id),
  ].filter(Boolean);
  const what = `${agendaName(facts.agenda)} ${facts.number ?? m.verifyRun.noNumber}`;
  return details.length > 0 ? `${what} (${details.join(", ")})` : what;
}

function field(el: XmlElement | undefined): string | undefined {
  return text(el)?.trim() || undefined;
}

function cents(el: XmlElement | undefined): number | undefined {
  const value = field(el);
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? Math.round(number * 100) : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
