/**
 * Import of `inv:invoice` into the in-memory POHODA. Invoices are create-only (the schema has no
 * actionType): numbering (`numbering.ts`) with `numberRequested`/`checkDuplicity` or a numeric series, the 606 warning
 * for dates outside the accounting year, links to the address book and to source documents.
 *
 * @module
 */

import type { XmlElement } from "libxml2-wasm";
import { type AgendaContext, type AgendaOutcome, failed, optionalExtId, readExtId } from "./agenda.ts";
import { attribute, child, children, pohodaXPath, simpleFields, text } from "./dom.ts";
import { assignNumber } from "./numbering.ts";
import {
  type AddressBookRecord,
  type Fields,
  type Invoice,
  type InvoiceAgenda,
  type PohodaDb,
  sameExtId,
  today,
} from "./pohoda.ts";
import type { Detail } from "./response.ts";
import { invoiceLines, invoiceTotals } from "./totals.ts";

/**
 * `inv:invoiceType` → agenda. Credit/debit notes, corrective tax documents and penalties live in
 * the invoice agendas; proformas are kept with advance invoices. [unverified for proformas]
 */
const AGENDA_OF: Record<string, InvoiceAgenda> = {
  issuedInvoice: "vydane_faktury",
  issuedCreditNotice: "vydane_faktury",
  issuedDebitNote: "vydane_faktury",
  issuedCorrectiveTax: "vydane_faktury",
  penalty: "vydane_faktury",
  issuedAdvanceInvoice: "vydane_zalohove_faktury",
  issuedProformaInvoice: "vydane_zalohove_faktury",
  receivable: "ostatni_pohledavky",
  receivedInvoice: "prijate_faktury",
  receivedCreditNotice: "prijate_faktury",
  receivedDebitNote: "prijate_faktury",
  receivedCorrectiveTax: "prijate_faktury",
  receivedAdvanceInvoice: "prijate_zalohove_faktury",
  receivedProformaInvoice: "prijate_zalohove_faktury",
  commitment: "ostatni_zavazky",
};

/** Where an invoice's deducted advances live. */
const ADVANCE_AGENDA: Partial<Record<InvoiceAgenda, InvoiceAgenda>> = {
  vydane_faktury: "vydane_zalohove_faktury",
  prijate_faktury: "prijate_zalohove_faktury",
};

// errno of the real warnings/errors the emulator reproduces (reference §16).
const ERRNO_DATE_OUTSIDE_PERIOD = 606;
const ERRNO_RECORD_NOT_FOUND = 115;

/** Imports one `inv:invoice`. */
export function importInvoice({ db, element, packId, itemId }: AgendaContext): AgendaOutcome {
  const header = child(element, "inv:invoiceHeader");
  if (!header) {
    return failed("Doklad neobsahuje hlavičku (inv:invoiceHeader).", { xpath: pohodaXPath(element) });
  }
  const invoiceType = text(header, "inv:invoiceType") ?? "";
  const agenda = AGENDA_OF[invoiceType];
  const documentText = text(header, "inv:text");
  if (!documentText) {
    return failed("Element inv:text je vyžadován při vytvoření dokladu.", {
      xpath: `${pohodaXPath(header)}/inv:text`,
    });
  }

  const links = resolveLinks(db, element, agenda);
  if ("missing" in links) {
    return failed("Zdrojový doklad nebyl nalezen.", {
      errno: ERRNO_RECORD_NOT_FOUND,
      xpath: pohodaXPath(links.missing),
    });
  }
  const numbering = assignNumber(db, child(header, "inv:number"), agenda);
  if (numbering.state === "error") return numbering;

  const details: Detail[] = [...numbering.details];
  const date = text(header, "inv:date")?.slice(0, 10) ?? today();
  if (Number(date.slice(0, 4)) !== db.company.year) {
    details.push({
      state: "warning",
      errno: ERRNO_DATE_OUTSIDE_PERIOD,
      note: "Datum není z účetního období.",
      xpath: `${pohodaXPath(header)}/inv:date`,
      valueRequested: czechDate(date),
      valueProduced: czechDate(date),
    });
  }
  const partner = readPartner(db, header);
  details.push(...partner.details);

  const lines = invoiceLines(element);
  const { totals, currency } = invoiceTotals(element);
  const invoice = db.addInvoice({
    agenda,
    invoiceType,
    number: numbering.number,
    ...optional("extId", optionalExtId(header, "inv:extId")),
    date,
    text: documentText,
    symVar: text(header, "inv:symVar") ?? numbering.number.replace(/\D/g, ""),
    header: simpleFields(header, ["extId", "number", "partnerIdentity", "myIdentity"]),
    partner: partner.value,
    itemCount: lines.length,
    itemTexts: lines.map((line) => text(line, "inv:text") ?? ""),
    ...optional("currency", currency),
    totals,
    links: links.value,
    created: today(),
    dataPackId: packId,
    dataPackItemId: itemId,
  });
  return {
    state: "ok",
    details,
    produced: { id: invoice.id, number: invoice.number },
    history: { agendaType: agenda, recordId: invoice.id, number: invoice.number },
  };
}

/** `{ key: value }` when the value is present, else `{}` — keeps absent fields out of stored records. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : { [key]: value } as { [P in K]: V };
}

/**
 * Source documents the invoice refers to: the cancelled (`inv:cancelDocument`) or corrected
 * (`inv:correctiveDocument`) document in its own agenda, and advances deducted by
 * `inv:invoiceAdvancePaymentItem`. A reference that finds nothing fails the import with errno 115.
 */
function resolveLinks(
  db: PohodaDb,
  element: XmlElement,
  agenda: InvoiceAgenda,
): { value: Invoice["links"] } | { missing: XmlElement } {
  const references: { kind: Invoice["links"][number]["kind"]; path: string; agenda?: InvoiceAgenda }[] = [
    { kind: "cancel", path: "inv:cancelDocument/typ:sourceDocument", agenda },
    { kind: "corrective", path: "inv:correctiveDocument/typ:sourceDocument", agenda },
    {
      kind: "advance",
      path: "inv:invoiceDetail/inv:invoiceAdvancePaymentItem/inv:sourceDocument",
      agenda: ADVANCE_AGENDA[agenda],
    },
  ];
  const value: Invoice["links"] = [];
  for (const reference of references) {
    for (const source of children(element, reference.path)) {
      const found = reference.agenda && findDocument(db, reference.agenda, source);
      if (!found) return { missing: source };
      value.push({ kind: reference.kind, invoiceId: found.id });
    }
  }
  return { value };
}

/** Finds a document by `typ:sourceDocumentType` (id, extId or number). */
function findDocument(db: PohodaDb, agenda: InvoiceAgenda, source: XmlElement): Invoice | undefined {
  const id = text(source, "typ:id");
  const extId = optionalExtId(source, "typ:extId");
  const number = text(source, "typ:number");
  return db.invoicesIn(agenda).find((invoice) =>
    (id === undefined || String(invoice.id) === id) &&
    (extId === undefined || (invoice.extId !== undefined && sameExtId(invoice.extId, extId))) &&
    (number === undefined || invoice.number === number)
  );
}

/**
 * The partner (`inv:partnerIdentity`) and its address-book link: by `typ:id`, else by `typ:extId`,
 * else — with `typ:address/@linkToAddress="true"` — by the first non-empty of ico, dic, icDph,
 * company, name when exactly one record matches (reference §11.5). An id/extId that finds nothing
 * leaves the document unlinked with a warning [unverified: real POHODA may refuse the document].
 */
function readPartner(db: PohodaDb, header: XmlElement): { value: Invoice["partner"]; details: Detail[] } {
  const identity = child(header, "inv:partnerIdentity");
  if (!identity) return { value: { address: {}, extIds: [] }, details: [] };
  const addressElement = child(identity, "typ:address");
  const address = addressElement ? simpleFields(addressElement) : {};
  const extIds = children(identity, "typ:extId").map(readExtId);
  const id = text(identity, "typ:id");

  let record: AddressBookRecord | undefined;
  if (id !== undefined || extIds.length > 0) {
    record = id !== undefined
      ? db.address(Number(id))
      // The first record, in creation order, carrying any of the extIds.
      : extIds.flatMap((wanted) => db.addressesWithExtId(wanted)).sort((a, b) => a.id - b.id)[0];
    if (!record) {
      const details: Detail[] = [{
        state: "warning",
        note: "Odkaz na záznam v adresáři nebyl nalezen, doklad není s adresářem propojen.",
        xpath: pohodaXPath(identity),
      }];
      return { value: { address, extIds }, details };
    }
  } else if (addressElement && attribute(addressElement, "linkToAddress") === "true") {
    record = linkByAddress(db, address);
  }
  // A linked document takes the address-book address, overridden by what the request states.
  const value = record
    ? { address: { ...record.address, ...address }, extIds, addressBookId: record.id }
    : { address, extIds };
  return { value, details: [] };
}

/** `linkToAddress`: the one record matching the first non-empty identifying field, if exactly one. */
function linkByAddress(db: PohodaDb, address: Fields): AddressBookRecord | undefined {
  const field = ["ico", "dic", "icDph", "company", "name"].find((name) => address[name]);
  if (!field) return undefined;
  const matches = db.addressBook.filter((record) => record.address[field] === address[field]);
  return matches.length === 1 ? matches[0] : undefined;
}

/** YYYY-MM-DD → DD.MM.YYYY, as POHODA writes dates in `valueRequested`/`valueProduced`. */
function czechDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}
