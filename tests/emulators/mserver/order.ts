/**
 * Import of `ord:order` (received and issued orders) into the in-memory POHODA. Orders are created
 * only (`ord:actionType` offers add and delete; the emulator does add): numbered like documents
 * (`numbering.ts`, `numberRequested` with `checkDuplicity`), and refused without what the XSD
 * requires "při vytvoření dokladu": the order type, the date and the partner. The partner is kept
 * as sent; the emulator does not link orders to the address book.
 *
 * @module
 */

import { type AgendaContext, type AgendaOutcome, failed, optionalExtId, readExtId } from "./agenda.ts";
import { child, children, pohodaXPath, simpleFields, text } from "./dom.ts";
import { assignNumber } from "./numbering.ts";
import { type OrderAgenda, today } from "./pohoda.ts";
import { orderTotals } from "./totals.ts";

/** `ord:orderType` → agenda. */
const AGENDA_OF: Record<string, OrderAgenda> = {
  receivedOrder: "prijate_objednavky",
  issuedOrder: "vydane_objednavky",
};

/** Imports one `ord:order`. */
export function importOrder({ db, element, packId, itemId }: AgendaContext): AgendaOutcome {
  const header = child(element, "ord:orderHeader");
  if (!header) {
    return failed("Doklad neobsahuje hlavičku (ord:orderHeader).", { xpath: pohodaXPath(element) });
  }
  const required = (name: string) =>
    failed(`Element ord:${name} je vyžadován při vytvoření dokladu.`, {
      xpath: `${pohodaXPath(header)}/ord:${name}`,
    });
  const orderType = text(header, "ord:orderType");
  if (!orderType) return required("orderType");
  const date = text(header, "ord:date");
  if (!date) return required("date");
  const identity = child(header, "ord:partnerIdentity");
  if (!identity) return required("partnerIdentity");

  const agenda = AGENDA_OF[orderType];
  const numbering = assignNumber(db, child(header, "ord:number"), agenda);
  if (numbering.state === "error") return numbering;
  const address = child(identity, "typ:address");
  const extId = optionalExtId(header, "ord:extId");
  const documentText = text(header, "ord:text");
  const { totals, currency } = orderTotals(element);
  const order = db.addOrder({
    agenda,
    orderType,
    number: numbering.number,
    ...(extId ? { extId } : {}),
    date: date.slice(0, 10),
    ...(documentText ? { text: documentText } : {}),
    header: simpleFields(header, ["extId", "number", "partnerIdentity", "myIdentity"]),
    partner: {
      address: address ? simpleFields(address) : {},
      extIds: children(identity, "typ:extId").map(readExtId),
    },
    itemTexts: children(element, "ord:orderDetail/ord:orderItem").map((item) => text(item, "ord:text") ?? ""),
    ...(currency ? { currency } : {}),
    totals,
    created: today(),
    dataPackId: packId,
    dataPackItemId: itemId,
  });
  return {
    state: "ok",
    details: numbering.details,
    produced: { id: order.id, number: order.number },
    history: { agendaType: agenda, recordId: order.id, number: order.number },
  };
}
