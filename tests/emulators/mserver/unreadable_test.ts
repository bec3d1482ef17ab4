import { deepEqual, equal } from "node:assert/strict";
import { encodeWindows1250 } from "../cp1250.ts";
import { dataPack, invoice, postXml, withMServer } from "./testing.ts";
import { UNREADABLE_NOTE } from "./unreadable.ts";

/** A windows-1250 pack of two invoices, the second with `text` as its text. */
function packWith(text: string): Uint8Array<ArrayBuffer> {
  const header = (number: string, text: string) =>
    `<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:number><typ:numberRequested>${number}` +
    `</typ:numberRequested></inv:number><inv:text>${text}</inv:text>`;
  const xml = dataPack("P", [
    ["good", invoice(header("2025000001", "Služba"))],
    ["bad", invoice(header("2025000002", text))],
  ]).replace('encoding="UTF-8"', 'encoding="Windows-1250"');
  return encodeWindows1250(xml);
}

for (
  const [what, ch] of [
    ["a byte windows-1250 leaves undefined", "\u0098"],
    ["a NUL", "\u0000"],
    ["a C0 control", "\u0001"],
  ]
) {
  Deno.test(`one item holding ${what} makes the whole pack refused as not well-formed`, () =>
    withMServer(async (server) => {
      const { pack } = await postXml(server, packWith(`Služba ${ch} navíc`));
      equal(pack?.state, "error");
      equal(pack?.note?.startsWith("XML dokument není správně utvořen: "), true);
      deepEqual(pack?.items, []);
      equal(server.pohoda.invoices.length, 0, "a refused pack imports nothing");
    }));
}

Deno.test("characters named as unreadable are refused the same way; without them the pack imports", () =>
  withMServer(async (server) => {
    const refused = await postXml(server, packWith("Služba ¤ navíc"));
    equal(refused.pack?.note, UNREADABLE_NOTE);
    deepEqual(refused.pack?.items, []);
    const accepted = await postXml(server, packWith("Služba navíc"));
    deepEqual(accepted.pack?.items.map((i) => i.state), ["ok", "ok"]);
  }, { unreadable: "¤" }));
