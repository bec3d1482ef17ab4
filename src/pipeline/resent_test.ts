import { deepEqual } from "node:assert/strict";
import type { CheckedOutcome } from "../pohoda/unanswered.ts";
import { ownImports } from "./resent.ts";

const before = (id: string, by: "batch" | "number" = "batch"): CheckedOutcome => ({
  outcome: "duplicate",
  by,
  id,
  number: `2026000${id}`,
  detail: `imported before as vydane_faktury 2026000${id} (id ${id})`,
});

Deno.test("in a pack sent again, what POHODA says it had is this run's import unless an earlier run confirmed it", () => {
  const outcomes = new Map<string, CheckedOutcome>([
    ["new", before("41")],
    ["confirmed earlier", before("7")],
    ["deleted since", { outcome: "duplicate", by: "batch", deleted: true, detail: "deleted" }],
    ["by number", before("8", "number")],
    ["rejected", { outcome: "rejected", reason: "Předkontace neexistuje." }],
  ]);
  const result = ownImports(outcomes, (key) => key === "confirmed earlier");
  deepEqual(result.get("new"), { outcome: "imported", id: "41", number: "202600041", warnings: [] });
  for (const key of ["confirmed earlier", "deleted since", "by number", "rejected"]) {
    deepEqual(result.get(key), outcomes.get(key), key);
  }
});
