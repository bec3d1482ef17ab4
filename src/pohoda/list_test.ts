import { deepEqual, equal, match, rejects, throws } from "node:assert/strict";
import { validateXml } from "../../tests/emulators/xsd.ts";
import { ServiceError } from "../core/errors.ts";
import { encode1250 } from "./encoding.ts";
import { documentFacts } from "./facts.ts";
import {
  addressBookListRequest,
  documentListRequest,
  listPack,
  PohodaLists,
  readListAnswer,
} from "./list.ts";
import { NS } from "./namespaces.ts";

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);

Deno.test("every list request spojka sends validates against data.xsd", async () => {
  const requests = [
    documentListRequest({ type: "issuedInvoice" }),
    documentListRequest(
      { type: "issuedCreditNotice", dateFrom: "2026-01-01", dateTill: "2026-12-31" },
      {
        idFrom: 501,
        count: 500,
      },
    ),
    documentListRequest({ type: "issuedAdvanceInvoice", numbers: ["2026500001", "2026500002"] }),
    documentListRequest({ type: "receivedOrder", numbers: ["OBJ-1"] }, { idFrom: 1, count: 500 }),
    documentListRequest({ type: "issuedOrder", dateFrom: "2026-01-01" }),
    addressBookListRequest(undefined),
    addressBookListRequest("FLOWii", { idFrom: 1, count: 10000 }),
  ];
  const pack = listPack("12345679", requests.map((xml, i) => ({ itemId: `list-${i}`, xml })));
  deepEqual(await validateXml("data", pack), []);
  const text = new TextDecoder("windows-1250").decode(pack);
  match(text, /<ftr:selectedNumbers><ftr:number><typ:numberRequested>2026500001<\/typ:numberRequested>/);
  match(text, /<lAdb:limit><ftr:idFrom>1<\/ftr:idFrom><ftr:count>10000<\/ftr:count><\/lAdb:limit>/);
  match(text, /extSystem="FLOWii"/);
  // An order type is listed by the order agenda's own request; list.xsd has no such invoice type.
  match(
    text,
    /<lst:listOrderRequest [^>]*orderType="receivedOrder" orderVersion="2.0"><lst:limit>.*<\/lst:limit><lst:requestOrder><ftr:filter><ftr:selectedNumbers>/,
  );
  match(text, /<lst:listOrderRequest [^>]*orderType="issuedOrder" orderVersion="2.0">/);
  equal(/invoiceType="\w+Order"/.test(text), false);
});

Deno.test("the real list answer gives its documents; its damaged note does not matter", async () => {
  const answer = readListAnswer(
    await Deno.readFile(new URL("masa331-response_pack-listInvoice.xml", samples)),
  );
  deepEqual([...answer.keys()], ["Usr01"]);
  deepEqual(answer.get("Usr01")!.map((record) => documentFacts(record).number), ["4721703283", "4721703284"]);
});

const rsp = `xmlns:rsp="${NS.rsp}" xmlns:rdc="${NS.rdc}" xmlns:lst="${NS.lst}"`;
const answer = (body: string, pack = 'state="ok"') =>
  encode1250(
    `<?xml version="1.0" encoding="Windows-1250"?><rsp:responsePack ${rsp} version="2.0" id="spojka-list" ${pack}>` +
      `${body}</rsp:responsePack>`,
  );
const listed = (attrs: string, inner = "") =>
  `<rsp:responsePackItem version="2.0" id="list" ${attrs}><lst:listInvoice version="2.0" ` +
  `dateTimeStamp="2026-03-10T10:00:00" dateValidFrom="2026-03-10" ${attrs}>${inner}</lst:listInvoice>` +
  `</rsp:responsePackItem>`;

Deno.test("a refused list, a failed request or an answer in parts stops with POHODA's words", () => {
  const refusal = (bytes: Uint8Array, message: RegExp) =>
    throws(() => readListAnswer(bytes), (e: Error) => e instanceof ServiceError && message.test(e.message));
  refusal(
    answer("", 'state="error" note="Uživatel není oprávnen importovat XML soubory."'),
    /POHODA refused the list request: “Uživatel není oprávnen importovat XML soubory”\./,
  );
  refusal(
    answer(listed(
      'state="error"',
      "<rdc:importDetails><rdc:detail><rdc:state>error</rdc:state><rdc:note>Chybný filtr.</rdc:note></rdc:detail></rdc:importDetails>",
    )),
    /could not list the records: “Chybný filtr”\./,
  );
  refusal(answer(listed('state="ok"', "<rdc:parts><rdc:part>a.xml</rdc:part></rdc:parts>")), /split/);
  refusal(
    new TextEncoder().encode("<html><body>login</body></html>"),
    /did not answer .* with a POHODA response/,
  );
});

/** A fake mServer holding documents with these ids, applying `limit` as told. */
function fakeMServer(ids: number[], applies: { idFrom: boolean; count: boolean }) {
  const requests: string[] = [];
  const send = (pack: Uint8Array) => {
    const text = new TextDecoder("windows-1250").decode(pack);
    requests.push(text);
    const idFrom = applies.idFrom ? Number(/<ftr:idFrom>(\d+)</.exec(text)?.[1] ?? 1) : 1;
    const count = applies.count ? Number(/<ftr:count>(\d+)</.exec(text)?.[1] ?? Infinity) : Infinity;
    const page = ids.filter((id) => id >= idFrom).slice(0, count);
    const invoices = page.map((id) =>
      `<lst:invoice version="2.0" xmlns:inv="${NS.inv}" xmlns:typ="${NS.typ}"><inv:invoiceHeader><inv:id>${id}</inv:id>` +
      `<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:number><typ:numberRequested>N${id}</typ:numberRequested>` +
      `</inv:number></inv:invoiceHeader></lst:invoice>`
    );
    return Promise.resolve(answer(listed('state="ok"', invoices.join(""))));
  };
  return { send, requests };
}

async function numbers(lists: PohodaLists): Promise<string[]> {
  const found: string[] = [];
  for await (const facts of lists.documents({ type: "issuedInvoice" })) found.push(facts.number!);
  return found;
}

Deno.test("an agenda is read page by page from the id after the last one seen", async () => {
  const mserver = fakeMServer([3, 4, 8, 9, 12], { idFrom: true, count: true });
  deepEqual(await numbers(new PohodaLists(mserver.send, "12345679", 2)), ["N3", "N4", "N8", "N9", "N12"]);
  deepEqual(mserver.requests.map((r) => /<ftr:idFrom>(\d+)</.exec(r)?.[1]), ["1", "5", "10"]);
  // A full last page costs one more request, which comes back empty.
  const even = fakeMServer([1, 2, 3, 4], { idFrom: true, count: true });
  deepEqual(await numbers(new PohodaLists(even.send, "12345679", 2)), ["N1", "N2", "N3", "N4"]);
  equal(even.requests.length, 3);
});

Deno.test("a POHODA that ignores the count gives everything at once; one that ignores idFrom stops the listing", async () => {
  const all = fakeMServer([1, 2, 3], { idFrom: true, count: false });
  deepEqual(await numbers(new PohodaLists(all.send, "12345679", 2)), ["N1", "N2", "N3"]);
  equal(all.requests.length, 1);
  const stuck = fakeMServer([1, 2, 3], { idFrom: false, count: true });
  await rejects(numbers(new PohodaLists(stuck.send, "12345679", 2)), /does not apply ftr:idFrom/);
});

Deno.test("a full page without record ids cannot be paged and says so", async () => {
  const send = () => Promise.resolve(answer(listed('state="ok"', `<lst:invoice version="2.0"/>`.repeat(2))));
  await rejects(numbers(new PohodaLists(send, "12345679", 2)), /names no record ids/);
});

Deno.test("orders are asked for with lst:listOrderRequest and read from lst:listOrder as documents", async () => {
  const requests: string[] = [];
  const send = (pack: Uint8Array) => {
    requests.push(new TextDecoder("windows-1250").decode(pack));
    const order = `<lst:order version="2.0" xmlns:ord="${NS.ord}" xmlns:typ="${NS.typ}"><ord:orderHeader>` +
      `<ord:id>7</ord:id><ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested>OBJ-1` +
      `</typ:numberRequested></ord:number><ord:date>2026-03-02</ord:date><ord:partnerIdentity><typ:address>` +
      `<typ:company>Stavebniny s.r.o.</typ:company><typ:ico>12345679</typ:ico></typ:address></ord:partnerIdentity>` +
      `</ord:orderHeader><ord:orderSummary><ord:homeCurrency><typ:priceHighSum>1210</typ:priceHighSum>` +
      `</ord:homeCurrency></ord:orderSummary></lst:order>`;
    return Promise.resolve(answer(
      `<rsp:responsePackItem version="2.0" id="list" state="ok"><lst:listOrder version="2.0" ` +
        `dateTimeStamp="2026-03-10T10:00:00" dateValidFrom="2026-03-10" state="ok">${order}</lst:listOrder>` +
        `</rsp:responsePackItem>`,
    ));
  };
  const found = [];
  for await (const facts of new PohodaLists(send, "12345679").documents({ type: "receivedOrder" })) {
    found.push(facts);
  }
  deepEqual(found, [{
    agenda: "receivedOrder",
    number: "OBJ-1",
    partnerIco: "12345679",
    partnerName: "Stavebniny s.r.o.",
    totalCents: 121000,
    date: "2026-03-02",
    id: "7",
  }]);
  match(requests[0], /<lst:listOrderRequest [^>]*orderType="receivedOrder"/);
});
