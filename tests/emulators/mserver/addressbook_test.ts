import { deepEqual, equal, match } from "node:assert/strict";
import { dataPack, postXml, sample, withMServer } from "./testing.ts";

const ADDRESSBOOK_SAMPLE = "own-addressbook-datapack.xml";

/** An `adb:addressbook` with the given action (XML, may be empty) and identity/header elements. */
const addressbook = (action: string, header: string) =>
  `<adb:addressbook version="2.0">${action ? `<adb:actionType>${action}</adb:actionType>` : ""}` +
  `<adb:addressbookHeader>${header}</adb:addressbookHeader></adb:addressbook>`;
const extIdFilter = (ids: string) =>
  `<ftr:filter><ftr:extId><typ:ids>${ids}</typ:ids><typ:exSystemName>MyShop</typ:exSystemName></ftr:extId></ftr:filter>`;
const identity = (ids: string, address: string) =>
  `<adb:identity><typ:extId><typ:ids>${ids}</typ:ids><typ:exSystemName>MyShop</typ:exSystemName></typ:extId>` +
  `<typ:address>${address}</typ:address></adb:identity>`;

Deno.test("the sample address-book upserts create both partners when POHODA has neither", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(server, await sample(ADDRESSBOOK_SAMPLE));
    deepEqual(pack?.items.map((item) => [item.id, item.state, item.response, item.produced]), [
      ["ADB-1", "ok", "addressbookResponse", { id: "1", actionType: "add" }],
      ["ADB-2", "ok", "addressbookResponse", { id: "2", actionType: "add" }],
    ]);
    const [company, person] = server.pohoda.addressBook;
    deepEqual(company.extIds, [{ ids: "cust-42", exSystemName: "MyShop" }]);
    deepEqual(company.address, {
      company: "Žluťoučký kůň s.r.o.",
      city: "Praha 3",
      street: "Komenského 78",
      zip: "130 00",
      ico: "12345679",
      dic: "CZ12345679",
      country: "CZ",
    });
    deepEqual(company.header, {
      phone: "+420 777 123 456",
      email: "info@example.cz",
      maturity: "14",
      p2: "true",
      note: "imported",
    });
    equal(person.address.name, "Petra Svobodová");
    equal(person.header.email, "petra@example.cz");
  }));

Deno.test("re-sending the sample updates the same records instead of duplicating them", () =>
  withMServer(async (server) => {
    const xml = await sample(ADDRESSBOOK_SAMPLE);
    await postXml(server, xml);
    const changed = xml.replace("petra@example.cz", "petra.nova@example.cz").replace(
      'id="ADB-20250310-1"',
      'id="ADB-2"',
    );
    const { pack } = await postXml(server, changed);
    deepEqual(pack?.items.map((item) => item.produced), [{ id: "1", actionType: "update" }, {
      id: "2",
      actionType: "update",
    }]);
    equal(server.pohoda.addressBook.length, 2);
    equal(server.pohoda.addressBook[1].header.email, "petra.nova@example.cz");
    equal(server.pohoda.addressBook[1].address.name, "Petra Svobodová");
  }));

Deno.test("an update by extId merges the given fields and keeps the rest", () =>
  withMServer(async (server) => {
    const existing = server.pohoda.createAddress({
      extIds: [{ ids: "cust-7", exSystemName: "MyShop" }],
      address: { company: "Stará firma", city: "Brno", ico: "11111111" },
      header: { phone: "123" },
    });
    const upsert = addressbook(
      `<adb:update add="true">${extIdFilter("cust-7")}</adb:update>`,
      identity("cust-7", "<typ:company>Nová firma</typ:company>") + "<adb:email>a@b.cz</adb:email>",
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", upsert]]));
    deepEqual(pack?.items[0].produced, { id: String(existing.id), actionType: "update" });
    equal(server.pohoda.addressBook.length, 1);
    deepEqual(existing.address, { company: "Nová firma", city: "Brno", ico: "11111111" });
    deepEqual(existing.header, { phone: "123", email: "a@b.cz" });
  }));

Deno.test("add without update=true leaves a found duplicate alone, with a warning", () =>
  withMServer(async (server) => {
    const existing = server.pohoda.createAddress({
      extIds: [],
      address: { company: "Firma", ico: "22222222" },
      header: {},
    });
    const add = addressbook(
      `<adb:add><ftr:filter><ftr:ico>22222222</ftr:ico></ftr:filter></adb:add>`,
      `<adb:identity><typ:address><typ:company>Jiná</typ:company><typ:ico>22222222</typ:ico></typ:address></adb:identity>`,
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", add]]));
    const [item] = pack!.items;
    equal(item.state, "ok");
    equal(item.details[0].state, "warning");
    deepEqual(item.produced, { id: String(existing.id) });
    equal(existing.address.company, "Firma");
    equal(server.pohoda.addressBook.length, 1);
  }));

Deno.test("no actionType means add, even when the same company exists", () =>
  withMServer(async (server) => {
    const plain = addressbook(
      "",
      `<adb:identity><typ:address><typ:company>Firma</typ:company></typ:address></adb:identity>`,
    );
    await postXml(server, dataPack("P1", [["A", plain], ["B", plain]]));
    equal(server.pohoda.addressBook.length, 2);
  }));

Deno.test("update without add=true fails when the filter finds nothing", () =>
  withMServer(async (server) => {
    const update = addressbook(
      `<adb:update>${extIdFilter("nobody")}</adb:update>`,
      "<adb:email>x@y.cz</adb:email>",
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", update]]));
    equal(pack?.items[0].state, "error");
    equal(
      pack?.items[0].details[0].XPath,
      "dat:dataPack/dat:dataPackItem[1]/adb:addressbook/adb:actionType/adb:update",
    );
    equal(server.pohoda.addressBook.length, 0);
  }));

Deno.test("a filter matching several records fails the item", () =>
  withMServer(async (server) => {
    for (const company of ["A", "B"]) {
      server.pohoda.createAddress({ extIds: [], address: { company, city: "Praha" }, header: {} });
    }
    const update = addressbook(
      `<adb:update><ftr:filter><ftr:city>praha</ftr:city></ftr:filter></adb:update>`,
      "<adb:email>x@y.cz</adb:email>",
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", update]]));
    equal(pack?.items[0].state, "error");
    match(pack?.items[0].note ?? "", /více záznamů \(2\)/);
  }));

Deno.test("filter fields are combined with AND", () =>
  withMServer(async (server) => {
    server.pohoda.createAddress({
      extIds: [],
      address: { company: "A", city: "Praha", zip: "11000" },
      header: {},
    });
    const target = server.pohoda.createAddress({
      extIds: [],
      address: { company: "B", city: "Praha", zip: "12000" },
      header: {},
    });
    const update = addressbook(
      `<adb:update><ftr:filter><ftr:city>Praha</ftr:city><ftr:zip>12000</ftr:zip></ftr:filter></adb:update>`,
      "<adb:web>www.b.cz</adb:web>",
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", update]]));
    deepEqual(pack?.items[0].produced, { id: String(target.id), actionType: "update" });
    equal(target.header.web, "www.b.cz");
  }));

Deno.test("delete removes the record; a replayed delete is a duplicate without an id", () =>
  withMServer(async (server) => {
    const record = server.pohoda.createAddress({
      extIds: [{ ids: "gone", exSystemName: "MyShop" }],
      address: { company: "Zrušená" },
      header: {},
    });
    const remove = addressbook(`<adb:delete>${extIdFilter("gone")}</adb:delete>`, "");
    const xml = dataPack("P1", [["A", remove]]);
    const first = await postXml(server, xml, { duplicity: true });
    deepEqual(first.pack?.items[0].produced, { id: String(record.id), actionType: "delete" });
    equal(server.pohoda.addressBook.length, 0);

    const replay = await postXml(server, xml, { duplicity: true });
    equal(replay.pack?.items[0].state, "error");
    equal(replay.pack?.items[0].duplicity?.agendaType, "adresar");
    equal(replay.pack?.items[0].duplicity?.id, undefined);
  }));

Deno.test("a duplicity answer for an address carries the record id", () =>
  withMServer(async (server) => {
    const xml = await sample(ADDRESSBOOK_SAMPLE);
    await postXml(server, xml, { duplicity: true });
    const { pack } = await postXml(server, xml, { duplicity: true });
    deepEqual(pack?.items.map((item) => [item.state, item.duplicity?.agendaType, item.duplicity?.id]), [
      ["error", "adresar", "1"],
      ["error", "adresar", "2"],
    ]);
    equal(server.pohoda.addressBook.length, 2);
  }));

Deno.test("SQL-style filters are refused as unsupported by the emulator", () =>
  withMServer(async (server) => {
    const query = addressbook(
      `<adb:update><ftr:queryFilter><ftr:filter>ICO = '1'</ftr:filter></ftr:queryFilter></adb:update>`,
      "<adb:email>x@y.cz</adb:email>",
    );
    const { pack } = await postXml(server, dataPack("P1", [["A", query]]));
    equal(pack?.items[0].state, "error");
    match(pack?.items[0].note ?? "", /queryFilter/);
  }));
