import { deepEqual, equal, match } from "node:assert/strict";
import { syncFlowii } from "../../src/connectors/flowii_pohoda/sync.ts";
import { startFlowii } from "../emulators/flowii/server.ts";
import { startMServer } from "../emulators/mserver/mod.ts";
import { flowiiSettings, pohodaSettings, quietFolder } from "./inprocess.ts";
import { checkFlowii, checkStock, waitingItems } from "./invariant.ts";
import { disagreements, verifyInProcess } from "./verify.ts";

const POHODA = { user: "spojka", password: "pohoda-Heslo-1", ico: "12345679" };

Deno.test("the FLOWii check counts a document POHODA lost or holds twice, and an item waiting for nothing; verify agrees", async () => {
  const flowii = startFlowii({ dataset: { seed: 3, partners: 4, documents: 8 } });
  const mserver = await startMServer(POHODA);
  const folder = await quietFolder();
  try {
    const refused = flowii.dataset.documents[2];
    mserver.faults.rejectItem = (item) =>
      item.number === refused.number ? "Předkontace 3Fv neexistuje." : undefined;
    const code = await syncFlowii({
      flowii: flowiiSettings(flowii.url, flowii.credentials),
      pohoda: pohodaSettings(mserver.xmlUrl, POHODA),
      ...folder,
    });
    equal(code, 1);
    const waiting = waitingItems(folder.paths.stateDb);
    deepEqual(checkFlowii(flowii.dataset, mserver, [refused], waiting), {
      lost: 0,
      duplicated: 0,
      problems: [],
    });

    const stray = checkFlowii(flowii.dataset, mserver, [], waiting);
    equal(stray.lost, 1, "refused, but not on purpose: it is not in POHODA");
    match(
      stray.problems.join("\n"),
      new RegExp(`${refused.type} ${refused.number} .* still waits in the outbox`),
    );

    const dropped = checkFlowii(flowii.dataset, mserver, [refused], []);
    equal(dropped.lost, 1);
    match(dropped.problems.join("\n"), /no longer waits in the outbox/);

    const settings = pohodaSettings(mserver.xmlUrl, POHODA);
    const agreed = await verifyInProcess(folder.paths.stateDb, settings);
    equal(agreed.ok, true);
    deepEqual(disagreements({ lost: 0, duplicated: 0, problems: [] }, agreed), []);

    const { pohoda } = mserver;
    const { id: _, ...copy } = pohoda.invoices[0];
    pohoda.addInvoice(copy);
    pohoda.deleteInvoice(pohoda.invoices[1].id);
    const broken = checkFlowii(flowii.dataset, mserver, [refused], waiting);
    deepEqual([broken.lost, broken.duplicated], [1, 1]);
    const verified = await verifyInProcess(folder.paths.stateDb, settings);
    deepEqual(verified.problems.map((p) => p.kind).sort(), ["duplicated", "missing"]);
    deepEqual(disagreements(broken, verified), [], "verify agrees with the store");
    match(
      disagreements(broken, { ok: true, problems: [] })[0],
      /does not see the 1 records POHODA holds twice/,
    );
    match(
      disagreements({ lost: 0, duplicated: 0, problems: [] }, verified)[0],
      /though POHODA holds every record once/,
    );
  } finally {
    await folder.remove();
    await flowii.close();
    await mserver.close();
  }
});

Deno.test("the stock check counts every product whose shop quantity is not KROS's", () => {
  const found = checkStock([
    { code: "A1", expected: 3, actual: 3 },
    { code: "A2", expected: 0, actual: 5 },
    { code: "A3", expected: 2, actual: undefined },
  ]);
  equal(found.lost, 2);
  deepEqual(found.problems, ["A2: the shop has 5, KROS says 0", "A3: the shop has undefined, KROS says 2"]);
});
