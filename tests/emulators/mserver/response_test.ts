import { deepEqual, equal, ok } from "node:assert/strict";
import { encodeWindows1250 } from "../cp1250.ts";
import { validateXml } from "../xsd.ts";
import { renderResponsePack, type ResponsePackModel } from "./response.ts";
import { readPack } from "./testing.ts";

const base = { programVersion: "14200.4 SQL (1.10.2026)", ico: "12345678", key: crypto.randomUUID() };

const everyKind: ResponsePackModel = {
  ...base,
  id: "PACK-1",
  state: "ok",
  note: "Import faktur – žluťoučký kůň",
  items: [
    {
      kind: "agenda",
      id: "ok-with-warning",
      agenda: "invoice",
      state: "ok",
      details: [{
        state: "warning",
        errno: 606,
        note: "Datum není z účetního období.",
        xpath: "dat:dataPack/dat:dataPackItem[1]/inv:invoice/inv:invoiceHeader/inv:date",
        valueRequested: "10.03.2025",
        valueProduced: "10.03.2025",
      }],
      produced: { id: 412, number: "2025000123" },
    },
    {
      kind: "agenda",
      id: "refused",
      agenda: "invoice",
      state: "error",
      note: "Doklad s číslem 1 již existuje.",
      details: [{ state: "error", note: "Doklad s číslem 1 již existuje." }],
    },
    {
      kind: "agenda",
      id: "upsert",
      agenda: "addressbook",
      state: "ok",
      details: [],
      produced: { id: 7, actionType: "update" },
    },
    {
      kind: "duplicity",
      id: "again",
      agendaType: "vydane_zalohove_faktury",
      dateCreate: "2025-03-10",
      recordId: 3,
      number: "25ZF00001",
    },
    { kind: "duplicity", id: "deleted-since", agendaType: "adresar", dateCreate: "2025-03-10" },
    { kind: "bare", id: "unsupported", state: "error", note: "Agenda ord:order není podporována." },
  ],
};

Deno.test("every kind of item answer validates against response.xsd", async () => {
  deepEqual(await validateXml("response", encodeWindows1250(renderResponsePack(everyKind))), []);
});

Deno.test("a pack-level error without items validates against response.xsd", async () => {
  const denied = {
    ...base,
    id: "",
    state: "error" as const,
    note: "Uživatel není oprávnen importovat XML soubory.",
    items: [],
  };
  deepEqual(await validateXml("response", encodeWindows1250(renderResponsePack(denied))), []);
});

Deno.test("the validator is real: the genuine POHODA denial validates, a broken answer does not", async () => {
  const real = await Deno.readFile(
    new URL("../../../../shared/pohoda-samples/vitex-response-xml-denied.cp1250.xml", import.meta.url),
  );
  deepEqual(await validateXml("response", real), []);
  const broken = renderResponsePack(everyKind).replace(
    "<rdc:state>warning</rdc:state>",
    "<rdc:state>oops</rdc:state>",
  );
  equal((await validateXml("response", encodeWindows1250(broken))).length, 1);
});

Deno.test("the answer reads back as written, with Czech text intact through windows-1250", () => {
  const bytes = encodeWindows1250(renderResponsePack(everyKind));
  ok(bytes.includes(0x9e), "ž is byte 0x9E in windows-1250");
  const pack = readPack(new TextDecoder("windows-1250").decode(bytes));
  equal(pack.note, "Import faktur – žluťoučký kůň");
  deepEqual(pack.items.map((item) => [item.id, item.state]), [
    ["ok-with-warning", "ok"],
    ["refused", "error"],
    ["upsert", "ok"],
    ["again", "error"],
    ["deleted-since", "error"],
    ["unsupported", "error"],
  ]);
  deepEqual(pack.items[3].duplicity, {
    agendaType: "vydane_zalohove_faktury",
    dateCreate: "2025-03-10",
    id: "3",
    number: "25ZF00001",
  });
  deepEqual(pack.items[4].duplicity, { agendaType: "adresar", dateCreate: "2025-03-10" });
});
