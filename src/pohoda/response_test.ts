import { deepEqual, equal, match, throws } from "node:assert/strict";
import { encode1250 } from "./encoding.ts";
import { NotAResponseError, type PackResult, parseResponse } from "./response.ts";

const samples = new URL("../../../shared/pohoda-samples/", import.meta.url);
const rsp = 'xmlns:rsp="http://www.stormware.cz/schema/version_2/response.xsd"';
const rdc = 'xmlns:rdc="http://www.stormware.cz/schema/version_2/documentresponse.xsd"';
const inv = 'xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"';

function pack(items: string, attrs = 'state="ok"'): Uint8Array {
  return encode1250(
    `<?xml version="1.0" encoding="Windows-1250"?>\n<rsp:responsePack ${rsp} ${rdc} ${inv} ` +
      `version="2.0" id="p" ${attrs} ico="12345679" note="">${items}</rsp:responsePack>`,
  );
}

function items(result: PackResult) {
  if (result.kind !== "items") throw new Error(`expected items, got ${result.kind}`);
  return result.items;
}

Deno.test("the real 'no right to import XML' answer is a refused pack with its Czech note", async () => {
  const result = parseResponse(await Deno.readFile(new URL("vitex-response-xml-denied.cp1250.xml", samples)));
  deepEqual(result, { kind: "refused", note: "Uživatel není oprávnen importovat XML soubory." });
});

Deno.test("imported items carry the produced id, number and warnings; items are matched by id", () => {
  const result = items(parseResponse(pack(`
    <rsp:responsePackItem version="2.0" id="B" state="ok"><inv:invoiceResponse version="2.0" state="ok">
      <rdc:producedDetails><rdc:id>413</rdc:id><rdc:number>2026000124</rdc:number><rdc:actionType>add</rdc:actionType></rdc:producedDetails>
    </inv:invoiceResponse></rsp:responsePackItem>
    <rsp:responsePackItem version="2.0" id="A" state="ok"><inv:invoiceResponse version="2.0" state="ok">
      <rdc:importDetails><rdc:detail><rdc:state>warning</rdc:state><rdc:errno>606</rdc:errno>
        <rdc:note>Datum není z účetního období.</rdc:note>
        <rdc:XPath>dat:dataPack/dat:dataPackItem[2]/inv:invoice/inv:invoiceHeader/inv:date</rdc:XPath>
        <rdc:valueRequested>10.03.2025</rdc:valueRequested><rdc:valueProduced>10.03.2025</rdc:valueProduced></rdc:detail></rdc:importDetails>
      <rdc:producedDetails><rdc:id>412</rdc:id><rdc:number>2026000123</rdc:number></rdc:producedDetails>
    </inv:invoiceResponse></rsp:responsePackItem>`)));
  deepEqual(result.get("A"), {
    outcome: "imported",
    id: "412",
    number: "2026000123",
    action: undefined,
    warnings: ["606 Datum není z účetního období. (inv:invoiceHeader/inv:date: 10.03.2025)"],
  });
  equal(result.get("B")?.outcome, "imported");
});

Deno.test("a batch duplicate is 'already imported', with the existing record", () => {
  const result = items(
    parseResponse(pack(`<rsp:responsePackItem version="2.0" id="A" state="error"><rsp:errorDetail>
    <rsp:recordDuplicity><rsp:agendaType>vydane_faktury</rsp:agendaType><rsp:dateCreate>2026-03-10</rsp:dateCreate>
    <rsp:id>412</rsp:id><rsp:number>2026000123</rsp:number></rsp:recordDuplicity></rsp:errorDetail></rsp:responsePackItem>`)),
  );
  deepEqual(result.get("A"), {
    outcome: "duplicate",
    by: "batch",
    deleted: false,
    id: "412",
    number: "2026000123",
    detail: "imported before as Issued invoices 2026000123 (id 412)",
  });
});

/** An item refused with one error detail. */
function refusedWith(detail: string): ReturnType<typeof items> {
  return items(parseResponse(pack(`<rsp:responsePackItem version="2.0" id="A" state="error">
    <inv:invoiceResponse version="2.0" state="error"><rdc:importDetails><rdc:detail><rdc:state>error</rdc:state>
    ${detail}</rdc:detail></rdc:importDetails></inv:invoiceResponse></rsp:responsePackItem>`)));
}

Deno.test("a number already taken is recognised by the requested number it points at, and is left to a lookup", () => {
  // The XPath as POHODA writes it (reference §15: dat:dataPack/dat:dataPackItem[n]/inv:invoice/…), on
  // the element the XSD puts the guard on (typ:numberRequested checkDuplicity); the note is not relied on.
  const result = refusedWith(`<rdc:errno>104</rdc:errno><rdc:note>Chyba.</rdc:note>
    <rdc:XPath>dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:number/typ:numberRequested</rdc:XPath>
    <rdc:valueRequested>2026000123</rdc:valueRequested>`);
  deepEqual(result.get("A"), {
    outcome: "number_taken",
    number: "2026000123",
    detail:
      "the number exists in POHODA: 104 Chyba. (inv:invoiceHeader/inv:number/typ:numberRequested: 2026000123)",
  });
});

Deno.test("a number already taken is recognised by a note saying so, in Czech or Slovak", () => {
  // The XSD's own words for the guard: "nedovolí se vytvořit doklad, pokud zadané číslo již existuje".
  for (
    const note of ["Doklad s číslem 2026000123 již existuje.", "Doklad s číslom 2026000123 už existuje."]
  ) {
    equal(refusedWith(`<rdc:note>${note}</rdc:note>`).get("A")?.outcome, "number_taken", note);
  }
});

Deno.test("other refusals that mention duplicity or existence are ordinary rejections", () => {
  const notes = [
    "Duplicitní variabilní symbol.",
    "Záznam již existuje.",
    "Číselná řada neexistuje.",
  ];
  for (const note of notes) {
    equal(refusedWith(`<rdc:note>${note}</rdc:note>`).get("A")?.outcome, "rejected", note);
  }
  const elsewhere = refusedWith(`<rdc:note>Duplicitní záznam.</rdc:note>
    <rdc:XPath>dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:symVar</rdc:XPath>`);
  equal(elsewhere.get("A")?.outcome, "rejected");
});

Deno.test("a rejected item keeps POHODA's reason, in an otherwise ok pack", () => {
  const result = items(parseResponse(pack(`<rsp:responsePackItem version="2.0" id="A" state="error">
    <inv:invoiceResponse version="2.0" state="error"><rdc:importDetails><rdc:detail><rdc:state>error</rdc:state>
    <rdc:errno>115</rdc:errno><rdc:note>Záznam nebyl nalezen.</rdc:note>
    <rdc:XPath>dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceDetail/inv:invoiceAdvancePaymentItem</rdc:XPath>
    </rdc:detail></rdc:importDetails></inv:invoiceResponse></rsp:responsePackItem>`)));
  deepEqual(result.get("A"), {
    outcome: "rejected",
    reason: "115 Záznam nebyl nalezen. (inv:invoiceDetail/inv:invoiceAdvancePaymentItem)",
  });
});

Deno.test("a damaged note attribute does not cost the item results", async () => {
  // The real list response has 'ž' turned into U+009E in its note; the items must still be read.
  const result = parseResponse(
    await Deno.readFile(new URL("masa331-response_pack-listInvoice.xml", samples)),
  );
  equal(items(result).get("Usr01")?.outcome, "imported");
});

Deno.test("an HTML page instead of a response is recognised as such", () => {
  throws(
    () =>
      parseResponse(
        new TextEncoder().encode(
          "<html><head><title>POHODA – přihlášení</title></head><body><p>x</body></html>",
        ),
      ),
    (e: Error) => e instanceof NotAResponseError && /a web page titled “POHODA – přihlášení”/.test(e.message),
  );
  throws(() => parseResponse(new TextEncoder().encode('{"error":"x"}')), NotAResponseError);
});

Deno.test("a response in schema version 1 is not mistaken for version 2", () => {
  throws(
    () =>
      parseResponse(
        new TextEncoder().encode(
          '<rsp:responsePack xmlns:rsp="http://www.stormware.cz/schema/response.xsd"/>',
        ),
      ),
    (e: Error) => {
      match(e.message, /expected a rsp:responsePack/);
      return true;
    },
  );
});
