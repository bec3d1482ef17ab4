/**
 * The transform on a record's text. The records of a usual export — a document with a number or an
 * external id, a partner with an external id or an IČO, written with POHODA's own prefixes — are
 * rewritten by splicing their text: no tree is built, and what POHODA gets is what FLOWii wrote,
 * plus what spojka adds. Anything else (orders among them: they are rare) returns undefined and goes
 * through the tree (`transform.ts`), which handles every record, refusals included, but costs a
 * hundred times the allocation.
 *
 * @module
 */

import {
  documentItemId,
  documentKey,
  documentLabel,
  type PartnerId,
  partnerItemId,
  partnerKey,
  partnerLabel,
} from "./identity.ts";
import { NS } from "./namespaces.ts";
import { escapeAttr, escapeText } from "./xmltree.ts";

/** An item as the transform makes it, before notes. */
export interface Draft {
  key: string;
  itemId: string;
  agenda: string;
  label: string;
  xml: string;
}

/**
 * Rewrites `record` (a `dat:dataPackItem` as written in the export, `plain` in the reader's sense)
 * whose root declares `scope`, or returns undefined when the record needs the tree.
 */
export function transformText(
  record: string,
  scope: ReadonlyMap<string, string>,
  extSystem: string,
): Draft | undefined {
  const agenda = agendaElement(record);
  if (!agenda || (scope.get("") ?? "") !== "" || scope.get("typ") !== NS.typ) return undefined;
  if (agenda.name === "inv:invoice" && scope.get("inv") === NS.inv) {
    return document(record, agenda, scope, extSystem);
  }
  if (agenda.name === "adb:addressbook" && scope.get("adb") === NS.adb) {
    const ftr = scope.get("ftr");
    if (ftr === undefined || ftr === NS.ftr) return partner(record, agenda, scope);
  }
  return undefined;
}

/** A span of the record: an element from `<` to after its `>`, its content between. */
interface Span {
  start: number;
  /** After the start tag's `>`. */
  open: number;
  /** At the end tag's `<` (equal to `open` for an empty element). */
  close: number;
  end: number;
}

/** A start tag from its `<`: the name, then attributes; group 1 is the `/` of an empty element. */
const START_TAG = /<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/y;
const SPACE = /^\s*$/;

/** The end of the start tag at `lt`, and whether it closes the element too. */
function startTagEnd(s: string, lt: number): { end: number; empty: boolean } {
  START_TAG.lastIndex = lt;
  const m = START_TAG.exec(s);
  // The reader checked the record, so every start tag matches.
  if (!m) throw new Error(`not a start tag at ${lt}: ${s.slice(lt, lt + 40)}`);
  return { end: START_TAG.lastIndex, empty: m[1] === "/" };
}

/** The single element inside the `dat:dataPackItem`, with nothing but layout around it. */
function agendaElement(record: string): (Span & { name: string }) | undefined {
  const outer = startTagEnd(record, 0);
  if (outer.empty) return undefined;
  const lt = record.indexOf("<", outer.end);
  if (lt < 0 || !SPACE.test(record.slice(outer.end, lt)) || record.charCodeAt(lt + 1) === 47) {
    return undefined;
  }
  const nameEnd = record.slice(lt + 1, lt + 200).search(/[\s/>]/) + lt + 1;
  const name = record.slice(lt + 1, nameEnd);
  const tag = startTagEnd(record, lt);
  if (tag.empty) return undefined;
  const outerClose = record.lastIndexOf("</");
  const close = record.lastIndexOf(`</${name}`, outerClose - 1);
  if (close < tag.end) return undefined;
  const end = record.indexOf(">", close) + 1;
  if (!SPACE.test(record.slice(end, outerClose))) return undefined;
  return { name, start: lt, open: tag.end, close, end };
}

/**
 * The first element `qname` inside `within`'s content. Only for elements that never hold another of
 * their name (POHODA's header fields), so the first end tag of the name closes it.
 */
function find(s: string, within: Span | undefined, qname: string): Span | undefined {
  if (!within) return undefined;
  for (let lt = s.indexOf(`<${qname}`, within.open); lt >= 0 && lt < within.close;) {
    const after = s.charCodeAt(lt + 1 + qname.length);
    // `<typ:address` must not match `<typ:addressLinkToAddress`.
    if (after === 62 || after === 47 || after === 32 || after === 9 || after === 10 || after === 13) {
      const tag = startTagEnd(s, lt);
      if (tag.empty) return { start: lt, open: tag.end, close: tag.end, end: tag.end };
      const close = s.indexOf(`</${qname}`, tag.end);
      if (close < 0 || close >= within.close) return undefined;
      return { start: lt, open: tag.end, close, end: s.indexOf(">", close) + 1 };
    }
    lt = s.indexOf(`<${qname}`, lt + 1);
  }
  return undefined;
}

/** Thrown by {@linkcode textOf} for content the text reading does not cover: the tree takes the record. */
class NeedsTree extends Error {}

const ENTITY = /&(lt|gt|amp|quot|apos);/g;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The text of an element holding only text, as the tree would read it; undefined for no element. */
function textOf(s: string, span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const raw = s.slice(span.open, span.close);
  // Markup inside, or a CR the tree would normalise: leave it to the tree.
  if (raw.includes("<") || raw.includes("\r")) throw new NeedsTree();
  return raw.includes("&") ? raw.replace(ENTITY, (_, name: string) => ENTITIES[name]) : raw;
}

/** Catches {@linkcode NeedsTree}: undefined sends the record to the tree. */
function orTree(work: () => Draft | undefined): Draft | undefined {
  try {
    return work();
  } catch (e) {
    if (e instanceof NeedsTree) return undefined;
    throw e;
  }
}

/** Invoices are create-only, guarded by POHODA's number check; an extId carries spojka's id when FLOWii gave none. */
function document(
  s: string,
  agenda: Span,
  scope: ReadonlyMap<string, string>,
  extSystem: string,
): Draft | undefined {
  return orTree(() => {
    const header = find(s, agenda, "inv:invoiceHeader");
    const type = textOf(s, find(s, header, "inv:invoiceType"))?.trim() || "invoice";
    const requested = find(s, find(s, header, "inv:number"), "typ:numberRequested");
    const number = textOf(s, requested)?.trim();
    const extId = find(s, header, "inv:extId");
    const extIds = textOf(s, find(s, extId, "typ:ids"))?.trim();
    const address = find(s, find(s, header, "inv:partnerIdentity"), "typ:address");
    const partnerName = textOf(s, find(s, address, "typ:company"))?.trim() ||
      textOf(s, find(s, address, "typ:name"))?.trim();
    const key = documentKey(type, number, extIds);
    // Neither number nor external id: the tree refuses it, with the reason.
    if (key === undefined) return undefined;
    const itemId = documentItemId(key);

    const edits: Edit[] = [];
    // Exactly once: POHODA refuses a second document with the same number in the same agenda.
    if (requested) edits.push(checkDuplicity(s, requested));
    if (header && !extId) {
      edits.push({
        at: header.open,
        text: `<inv:extId><typ:ids>${escapeText(itemId)}</typ:ids><typ:exSystemName>${
          escapeText(extSystem)
        }</typ:exSystemName></inv:extId>`,
      });
    }
    return {
      key,
      itemId,
      agenda: type,
      label: documentLabel(number, extIds, partnerName),
      xml: standalone(s, agenda, edits, scope),
    };
  });
}

/** Address book: an upsert filtered by the FLOWii external id, else by IČO. */
function partner(s: string, agenda: Span, scope: ReadonlyMap<string, string>): Draft | undefined {
  return orTree(() => {
    // An export that already says what to do with the record is left to the tree, which replaces it.
    if (s.includes("<adb:actionType", agenda.open)) return undefined;
    const identity = find(s, find(s, agenda, "adb:addressbookHeader"), "adb:identity");
    const address = find(s, identity, "typ:address");
    const ico = textOf(s, find(s, address, "typ:ico"))?.trim();
    const name = textOf(s, find(s, address, "typ:company"))?.trim() ||
      textOf(s, find(s, address, "typ:name"))?.trim() || "?";
    // The partner's own extId is a child of identity, before its address: an address, a ship-to
    // address or a country has extIds of its own, which do not name the partner.
    const extId = find(
      s,
      address && identity ? { ...identity, close: address.start } : identity,
      "typ:extId",
    );
    const id: PartnerId | undefined = extId
      ? {
        kind: "ext",
        ids: textOf(s, find(s, extId, "typ:ids")) ?? "",
        system: textOf(s, find(s, extId, "typ:exSystemName")) ?? "",
      }
      : ico
      ? { kind: "ico", ico }
      : undefined;
    if (!id) return undefined;
    const key = partnerKey(id);
    const filter = id.kind === "ext"
      ? `<ftr:extId><typ:ids>${escapeText(id.ids)}</typ:ids><typ:exSystemName>${
        escapeText(id.system)
      }</typ:exSystemName></ftr:extId>`
      : `<ftr:ico>${escapeText(id.ico)}</ftr:ico>`;
    const action = `<adb:actionType><adb:update add="true"><ftr:filter>${filter}</ftr:filter></adb:update>` +
      `</adb:actionType>`;
    return {
      key,
      itemId: partnerItemId(key),
      agenda: "addressbook",
      label: partnerLabel(name, ico),
      xml: standalone(s, agenda, [{ at: agenda.open, text: action }], scope, { ftr: NS.ftr }),
    };
  });
}

/** Text inserted at an offset of the record, or replacing `[at, to)`. */
interface Edit {
  at: number;
  to?: number;
  text: string;
}

const CHECK_DUPLICITY = /\scheckDuplicity\s*=\s*(?:"[^"]*"|'[^']*')/;

/** Sets `checkDuplicity="true"` on the start tag of `el`, replacing any value it had. */
function checkDuplicity(s: string, el: Span): Edit {
  const tag = s.slice(el.start, el.open);
  const m = CHECK_DUPLICITY.exec(tag);
  if (m) {
    return { at: el.start + m.index, to: el.start + m.index + m[0].length, text: ' checkDuplicity="true"' };
  }
  const gt = el.open - (tag.endsWith("/>") ? 2 : 1);
  return { at: gt, text: ' checkDuplicity="true"' };
}

/**
 * The agenda element with `edits` applied and, on its start tag, the declarations of the root's
 * prefixes it uses (and of `own` prefixes the edits bring in), so it stands alone in any pack.
 */
function standalone(
  s: string,
  agenda: Span & { name?: string },
  edits: Edit[],
  scope: ReadonlyMap<string, string>,
  own: Record<string, string> = {},
): string {
  const nameEnd = agenda.start + 1 + s.slice(agenda.start + 1, agenda.open).search(/[\s/>]/);
  edits.sort((a, b) => a.at - b.at);
  /** Whether the element, edited, uses `prefix`: in its own text or in what an edit brings in. */
  const uses = (prefix: string) => {
    const at = s.indexOf(`${prefix}:`, agenda.start);
    return (at >= 0 && at < agenda.end) || edits.some((edit) => edit.text.includes(`${prefix}:`));
  };
  // The result is joined from its pieces once: a text built by `+` would be copied again by every
  // step that needs it flat (the checks, the outbox).
  const pieces = [s.slice(agenda.start, nameEnd)];
  const bindings = new Map(scope);
  for (const [prefix, uri] of Object.entries(own)) if (!bindings.has(prefix)) bindings.set(prefix, uri);
  for (const [prefix, uri] of bindings) {
    if (prefix !== "xml" && prefix !== "" && uses(prefix)) {
      pieces.push(` xmlns:${prefix}="${escapeAttr(uri)}"`);
    }
  }
  let last = nameEnd;
  for (const edit of edits) {
    pieces.push(s.slice(last, edit.at), edit.text);
    last = edit.to ?? edit.at;
  }
  pieces.push(s.slice(last, agenda.end));
  return pieces.join("");
}
