import { deepEqual, equal } from "node:assert/strict";
import { generateDataset } from "./dataset.ts";
import { exportEntries, exportFileName, modifiedSince } from "./export.ts";

Deno.test("export file names use d.M.yyyy in FLOWii's local (Slovak) date", () => {
  equal(exportFileName("documents", new Date("2026-03-07T10:00:00Z")), "pohoda_document_export_7.3.2026.xml");
  equal(exportFileName("partners", new Date("2026-11-23T12:00:00Z")), "pohoda_partner_export_23.11.2026.xml");
  // 23:30 UTC is already the next day in Bratislava (UTC+2 in summer).
  equal(exportFileName("partners", new Date("2026-03-31T23:30:00Z")), "pohoda_partner_export_1.4.2026.xml");
});

Deno.test("modifiedSince keeps records modified at or after from", () => {
  const records = [{ modifiedAt: 10 }, { modifiedAt: 20 }, { modifiedAt: 30 }];
  deepEqual(modifiedSince(records, 20), [{ modifiedAt: 20 }, { modifiedAt: 30 }]);
  deepEqual(modifiedSince(records, undefined), records);
});

Deno.test("an export with nothing new has no entries", () => {
  const ds = generateDataset({ seed: 3, partners: 5, documents: 5, start: new Date("2026-03-01T00:00:00Z") });
  const options = { encoding: "utf-8" as const, now: new Date("2026-03-02T00:00:00Z") };
  equal(exportEntries(ds, "partners", options).length, 1);
  deepEqual(
    exportEntries(ds, "documents", { ...options, from: Date.parse("2026-03-02T00:00:00Z") / 1000 }),
    [],
  );
});
