import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { databaseOf, loadStore, newStore, saveStore, unitOf } from "./store.ts";

Deno.test("the store keeps every record with its id between invocations, gaps left by deletions included", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "store.json");
    const company = { ico: "12345679", name: "Firma", year: 2026, key: "K" };
    await Deno.writeTextFile(path, JSON.stringify(newStore(company, "u", "p")));
    const store = await loadStore(path);
    const address = (company: string) => ({ extIds: [], address: { company }, header: {} });
    for (const name of ["A", "B", "C"]) store.db.createAddress(address(name));
    store.db.deleteAddress(2);
    store.db.recordImport({
      packId: "p",
      itemId: "i",
      agendaType: "adresar",
      recordId: 3,
      dateCreate: "2026-01-01",
    });
    await saveStore(path, store);

    const again = await loadStore(path);
    deepEqual(again.db.addressBook.map((r) => [r.id, r.address.company]), [[1, "A"], [3, "C"]]);
    equal(again.db.findImport("p", "i")?.recordId, 3);
    equal(again.db.createAddress(address("D")).id, 4, "ids go on where they stopped");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the store keeps one database per accounting unit, each bound to its year", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "store.json");
    const company = { ico: "12345679", name: "Firma", year: 2026, key: "K" };
    await Deno.writeTextFile(path, JSON.stringify(newStore(company, "u", "p", [2025])));
    const store = await loadStore(path);
    unitOf(store, "stwph_12345679_2025")!.createAddress({
      extIds: [],
      address: { company: "A" },
      header: {},
    });
    await saveStore(path, store);

    const again = await loadStore(path);
    deepEqual(again.units.map((db) => databaseOf(db.company)), [
      "StwPh_12345679_2026",
      "StwPh_12345679_2025",
    ]);
    equal(again.db, unitOf(again, "StwPh_12345679_2026"), "the first unit is the single-unit tests' db");
    deepEqual([again.units[0].addressBook.length, again.units[1].addressBook.length], [0, 1]);
    equal(unitOf(again, "StwPh_12345679_2024"), undefined, "no unit of 2024");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
