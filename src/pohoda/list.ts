/**
 * POHODA's list (export) requests, for reconciling with what spojka confirmed:
 * `lst:listInvoiceRequest` and `lst:listOrderRequest` (one document type, filtered by numbers or a
 * date range) and `lAdb:listAddressBookRequest`, sent through mServer like any pack, and their
 * answers (`lst:listInvoice`, `lst:listOrder`, `lAdb:listAddressBook`) read page by page, so an
 * agenda of tens of thousands of documents never has to be one tree.
 *
 * What is official (list.xsd, list_addBook.xsd, filter.xsd; reference §17): the request shapes, the
 * filters, `ftr:limit` with `idFrom` ("the lowest record id exported") and `count` (1–10000), and
 * `extSystem` (the external system whose ids are exported). An order request is the invoice
 * request with `orderType`/`orderVersion` and `lst:requestOrder` (the same `ftr:groupFilter_1`),
 * answered by `lst:listOrder` with `lst:order` records (`ord:orderType`). **Not verified** against
 * a live POHODA:
 * - paging: that records come in id order, so that the next page starts after the highest id seen.
 *   Defensively, a record met twice counts once, a page longer than asked for ends the listing (POHODA
 *   ignored `count`: all is in), and a page of records already seen (it ignored `idFrom`) or an answer
 *   split into `rdc:parts` (files) stops it with an error rather than a partial listing. The page
 *   size is {@linkcode LIST_PAGE};
 * - whether `invoiceType` selects documents of that type or its whole agenda (an issued credit note
 *   lives among the issued invoices): callers compare the type of each document;
 * - that `ftr:selectedNumbers` matches `typ:numberRequested` against the document number;
 * - anything about `lst:listOrderRequest` beyond its schema: the reference and the samples cover
 *   invoice and address-book lists only, so its answer is taken to mirror theirs.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import { decodeXml } from "./encoding.ts";
import { type DocumentFacts, documentFacts, type PartnerFacts, partnerFacts } from "./facts.ts";
import { NS } from "./namespaces.ts";
import { buildPack } from "./pack.ts";
import { NotAResponseError } from "./response.ts";
import {
  attr,
  child,
  childrenOf,
  element,
  localName,
  parseXml,
  serialize,
  text,
  type XmlElement,
  type XmlNode,
} from "./xmltree.ts";
import { m, quote } from "../i18n/mod.ts";

/**
 * Records asked for per list request. Within the XSD's 1–10000; a page of documents with their items
 * is a few megabytes of answer, read as one tree. [unverified: what suits a busy mServer best]
 */
export const LIST_PAGE = 500;

/** Which documents of one type to list. */
export interface DocumentQuery {
  /**
   * The document type: an `ord:orderType` (`receivedOrder`, `issuedOrder`) is listed by
   * `lst:listOrderRequest`, any other type as an `inv:invoiceType` by `lst:listInvoiceRequest`.
   */
  type: string;
  /** Only documents with these numbers (`ftr:selectedNumbers`). */
  numbers?: readonly string[];
  /** Only documents dated from / till these days (YYYY-MM-DD). */
  dateFrom?: string;
  dateTill?: string;
}

/** One page of a listing (`ftr:limit`). */
export interface Page {
  /** The lowest POHODA record id to list. */
  idFrom: number;
  count: number;
}

/** One list request of a pack: the `dat:dataPackItem` id and the request element. */
export interface ListItem {
  itemId: string;
  xml: string;
}

/** Sends a pack to mServer (without the batch duplicity check: a list imports nothing) and returns the answer. */
export type ListSend = (pack: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

const PACK_ID = "spojka-list";
const PACK_NOTE = "spojka: kontrola dokladů a adresáře";

/** How a list request of a document agenda is spelled. */
interface DocumentList {
  /** The request element in `lst`. */
  request: string;
  /** Its attributes naming the type and the version of the documents. */
  typeAttribute: string;
  versionAttribute: string;
  /** Its filter element in `lst`. */
  filter: string;
}

const INVOICE_LIST: DocumentList = {
  request: "listInvoiceRequest",
  typeAttribute: "invoiceType",
  versionAttribute: "invoiceVersion",
  filter: "requestInvoice",
};

const ORDER_LIST: DocumentList = {
  request: "listOrderRequest",
  typeAttribute: "orderType",
  versionAttribute: "orderVersion",
  filter: "requestOrder",
};

/** The values of `ord:orderTypeType` (order.xsd); `inv:invoiceType` has none of them. */
const ORDER_TYPES: ReadonlySet<string> = new Set(["issuedOrder", "receivedOrder"]);

/**
 * The list request for documents of one type (`lst:listInvoiceRequest` or `lst:listOrderRequest`,
 * see {@linkcode DocumentQuery}), optionally one page of it.
 */
export function documentListRequest(query: DocumentQuery, page?: Page): string {
  const list = ORDER_TYPES.has(query.type) ? ORDER_LIST : INVOICE_LIST;
  const filter: XmlElement[] = [];
  if (query.dateFrom) filter.push(leaf(NS.ftr, "ftr", "dateFrom", query.dateFrom));
  if (query.dateTill) filter.push(leaf(NS.ftr, "ftr", "dateTill", query.dateTill));
  if (query.numbers?.length) {
    filter.push(element(
      NS.ftr,
      "ftr",
      "selectedNumbers",
      query.numbers.map((n) => element(NS.ftr, "ftr", "number", [leaf(NS.typ, "typ", "numberRequested", n)])),
    ));
  }
  const request = element(
    NS.lst,
    "lst",
    list.filter,
    filter.length ? [element(NS.ftr, "ftr", "filter", filter)] : [],
  );
  return serialize(element(
    NS.lst,
    "lst",
    list.request,
    [...limit(NS.lst, "lst", page), request],
    [
      { name: "version", value: "2.0" },
      { name: list.typeAttribute, value: query.type },
      { name: list.versionAttribute, value: "2.0" },
    ],
  ));
}

/**
 * `lAdb:listAddressBookRequest` for the whole address book, optionally one page of it, with the
 * external ids of `extSystem`.
 */
export function addressBookListRequest(extSystem: string | undefined, page?: Page): string {
  const attrs = [{ name: "version", value: "2.0" }, { name: "addressBookVersion", value: "2.0" }];
  if (extSystem) attrs.push({ name: "extSystem", value: extSystem });
  return serialize(element(
    NS.lAdb,
    "lAdb",
    "listAddressBookRequest",
    [...limit(NS.lAdb, "lAdb", page), element(NS.lAdb, "lAdb", "requestAddressBook")],
    attrs,
  ));
}

function limit(ns: string, prefix: string, page: Page | undefined): XmlElement[] {
  if (!page) return [];
  return [element(ns, prefix, "limit", [
    leaf(NS.ftr, "ftr", "idFrom", String(page.idFrom)),
    leaf(NS.ftr, "ftr", "count", String(page.count)),
  ])];
}

function leaf(ns: string, prefix: string, local: string, value: string): XmlElement {
  return element(ns, prefix, local, [value]);
}

/** The dataPack of list requests for the accounting unit `ico`. */
export function listPack(ico: string, items: ListItem[]): Uint8Array<ArrayBuffer> {
  const built = buildPack({ id: PACK_ID, ico, note: PACK_NOTE, items, unsupportedCharacters: "reject" });
  // A number with a character windows-1250 cannot hold cannot be in POHODA either.
  if (built.refused.length > 0) {
    throw new ServiceError(m.pohodaList.notSent(built.refused[0].reason));
  }
  return built.bytes;
}

/**
 * The records of each answered list request, by `dataPackItem@id`: the `lst:invoice`, `lst:order`
 * or `lAdb:addressbook` elements. Throws a ServiceError when POHODA refused the pack or a request.
 */
export function readListAnswer(bytes: Uint8Array): Map<string, XmlElement[]> {
  let root: XmlElement;
  try {
    root = parseXml(decodeXml(bytes));
  } catch (e) {
    throw unreadable(new NotAResponseError(m.pohodaList.notXml((e as Error).message)));
  }
  if (root.ns !== NS.rsp || localName(root.name) !== "responsePack") {
    throw unreadable(new NotAResponseError(m.pohodaList.notResponsePack(root.name)));
  }
  const items = childrenOf(root, NS.rsp, "responsePackItem");
  if (attr(root, "state") === "error" && items.length === 0) {
    throw new ServiceError(m.pohodaList.refused(quote(attr(root, "note") || m.status.noReason)));
  }
  return new Map(items.map((item) => [attr(item, "id") ?? "", records(item)]));
}

function unreadable(cause: NotAResponseError): ServiceError {
  return new ServiceError(m.pohodaList.notAResponse(cause.message), { cause });
}

function records(item: XmlElement): XmlElement[] {
  const list = item.children.find((c): c is XmlElement =>
    typeof c !== "string" && (c.ns === NS.lst || c.ns === NS.lAdb) && localName(c.name).startsWith("list")
  );
  if (!list || attr(item, "state") === "error" || attr(list, "state") === "error") {
    const notes = childrenOf(child(list, NS.rdc, "importDetails"), NS.rdc, "detail")
      .map((d) => text(child(d, NS.rdc, "note"))?.trim()).filter(Boolean);
    const reason = notes.join("; ") || attr(item, "note") || m.status.noReason;
    throw new ServiceError(m.pohodaList.cannotList(quote(reason)));
  }
  if (child(list, NS.rdc, "parts")) {
    throw new ServiceError(m.pohodaList.parts);
  }
  return list.children.filter((c: XmlNode): c is XmlElement =>
    typeof c !== "string" && (c.ns === NS.lst || c.ns === NS.lAdb)
  );
}

/** Lists documents and partners of the accounting unit through mServer, page by page. */
export class PohodaLists {
  readonly #send: ListSend;
  readonly #ico: string;
  readonly #pageSize: number;

  constructor(send: ListSend, ico: string, pageSize = LIST_PAGE) {
    this.#send = send;
    this.#ico = ico;
    this.#pageSize = pageSize;
  }

  /** The documents `query` selects (of any type POHODA answers with; callers compare). */
  documents(query: DocumentQuery): AsyncGenerator<DocumentFacts> {
    return this.#paged((page) => documentListRequest(query, page), documentFacts);
  }

  /** The whole address book, with the external ids of `extSystem`. */
  addresses(extSystem?: string): AsyncGenerator<PartnerFacts> {
    return this.#paged((page) => addressBookListRequest(extSystem, page), partnerFacts);
  }

  async *#paged<T extends { id?: string }>(
    request: (page: Page) => string,
    read: (record: XmlElement) => T,
  ): AsyncGenerator<T> {
    const seen = new Set<string>();
    for (let idFrom = 1;;) {
      const page = await this.#request(request({ idFrom, count: this.#pageSize }));
      let next = idFrom;
      let fresh = 0;
      for (const record of page) {
        const facts = read(record);
        if (facts.id !== undefined) {
          if (seen.has(facts.id)) continue;
          seen.add(facts.id);
          const id = Number.parseInt(facts.id, 10);
          if (Number.isSafeInteger(id)) next = Math.max(next, id + 1);
        }
        fresh++;
        yield facts;
      }
      // A short page is the last. So is a longer one: POHODA did not apply the count, all is in.
      if (page.length !== this.#pageSize) return;
      if (fresh === 0) {
        throw new ServiceError(m.pohodaList.samePage);
      }
      if (next === idFrom) {
        throw new ServiceError(m.pohodaList.noIds);
      }
      idFrom = next;
    }
  }

  async #request(request: string): Promise<XmlElement[]> {
    const answer = readListAnswer(await this.#send(listPack(this.#ico, [{ itemId: "list", xml: request }])));
    const found = answer.get("list");
    if (!found) throw new ServiceError(m.pohodaList.notMentioned);
    return found;
  }
}
