import { deepEqual, equal } from "node:assert/strict";
import { dataPack, postXml, withMServer } from "./testing.ts";

const ORD = "http://www.stormware.cz/schema/version_2/order.xsd";

/** An `ord:order` declaring its own namespace, with `header` elements besides the partner. */
const order = (header: string) =>
  `<ord:order xmlns:ord="${ORD}" version="2.0"><ord:orderHeader>${header}` +
  `<ord:partnerIdentity><typ:address><typ:company>Stavebniny Brno s.r.o.</typ:company></typ:address>` +
  `</ord:partnerIdentity></ord:orderHeader><ord:orderDetail><ord:orderItem><ord:text>Cement</ord:text>` +
  `<ord:quantity>10</ord:quantity><ord:homeCurrency><typ:unitPrice>180</typ:unitPrice></ord:homeCurrency>` +
  `</ord:orderItem></ord:orderDetail></ord:order>`;

const received = (number: string, extra = "") =>
  order(
    `<ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested>${number}` +
      `</typ:numberRequested></ord:number><ord:date>2025-04-02</ord:date><ord:text>Objednávka</ord:text>${extra}`,
  );

Deno.test("a received order is imported with its requested number and answered with ord:orderResponse", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(server, dataPack("P1", [["O1", received("OBJ-1")]]));
    deepEqual(pack?.items.map((i) => [i.id, i.state, i.response, i.produced]), [
      ["O1", "ok", "orderResponse", { id: "1", number: "OBJ-1" }],
    ]);
    const [stored] = server.pohoda.orders;
    equal(stored.agenda, "prijate_objednavky");
    equal(stored.orderType, "receivedOrder");
    equal(stored.partner.address.company, "Stavebniny Brno s.r.o.");
    deepEqual(stored.itemTexts, ["Cement"]);
    equal(server.pohoda.invoices.length, 0);
    equal(server.pohoda.imports[0].agendaType, "prijate_objednavky");
  }));

Deno.test("an order's taken number is refused; the batch check answers recordDuplicity", () =>
  withMServer(async (server) => {
    await postXml(server, dataPack("P1", [["O1", received("OBJ-1")]]), { duplicity: true });
    const again = await postXml(
      server,
      dataPack("P1", [["O1", received("OBJ-1", "<ord:note>změna</ord:note>")]]),
      {
        duplicity: true,
      },
    );
    deepEqual(again.pack?.items[0].duplicity, {
      agendaType: "prijate_objednavky",
      dateCreate: server.pohoda.imports[0].dateCreate,
      id: "1",
      number: "OBJ-1",
    });
    const other = await postXml(server, dataPack("P2", [["O2", received("OBJ-1")]]));
    equal(other.pack?.items[0].state, "error");
    equal(other.pack?.items[0].note, "Doklad s číslem OBJ-1 již existuje.");
    equal(
      other.pack?.items[0].details[0].XPath,
      "dat:dataPack/dat:dataPackItem[1]/ord:order/ord:orderHeader/ord:number/typ:numberRequested",
    );
    equal(server.pohoda.orders.length, 1);
  }));

Deno.test("issued and received orders keep separate numbers; an order without one gets its series' next", () =>
  withMServer(async (server) => {
    const issued = received("OBJ-1").replace("receivedOrder", "issuedOrder");
    const unnumbered = order("<ord:orderType>issuedOrder</ord:orderType><ord:date>2025-04-02</ord:date>");
    const { pack } = await postXml(
      server,
      dataPack("P1", [["O1", received("OBJ-1")], ["O2", issued], ["O3", unnumbered]]),
    );
    deepEqual(pack?.items.map((i) => [i.state, i.produced?.number]), [
      ["ok", "OBJ-1"],
      ["ok", "OBJ-1"],
      ["ok", "25VO00001"],
    ]);
  }));

Deno.test("an order without what its creation requires is refused by name", () =>
  withMServer(async (server) => {
    const { pack } = await postXml(
      server,
      dataPack("P1", [["O1", order("<ord:orderType>issuedOrder</ord:orderType>")]]),
    );
    equal(pack?.items[0].state, "error");
    equal(pack?.items[0].note, "Element ord:date je vyžadován při vytvoření dokladu.");
    equal(server.pohoda.orders.length, 0);
  }));
