import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import type { EshopConfig } from "../../eshop/config.ts";
import { StateDb } from "../../state/db.ts";
import { Memory } from "../../state/memory.ts";
import { shopName } from "./sync.ts";
import { LastSent, lastSentByShop, lastSentKey } from "./memory.ts";

async function tempDb(): Promise<StateDb> {
  return StateDb.open(join(await Deno.makeTempDir(), "state.db"));
}

const at = new Date("2026-12-01T10:00:00Z");

Deno.test("each shop keeps its own last quantities", async () => {
  const db = await tempDb();
  new LastSent(db, "shoptet https://api.myshoptet.com").record([{ ref: "A1", quantity: 3 }], at);
  new LastSent(db, "woocommerce https://obchod.sk").record([{ ref: "A1", quantity: 7 }], at);
  deepEqual(new LastSent(db, "shoptet https://api.myshoptet.com").all(), {
    A1: { quantity: 3, at: at.toISOString() },
  });
  deepEqual(Object.keys(lastSentByShop(db)).sort(), [
    "shoptet https://api.myshoptet.com",
    "woocommerce https://obchod.sk",
  ]);
  db.close();
});

Deno.test("spojka 0.1's unnamed quantities serve the shop in use, and become its own only when it writes", async () => {
  const db = await tempDb();
  new Memory(db, "stock").set(lastSentKey("", "A1"), { quantity: 2, at: at.toISOString() });
  const shop = new LastSent(db, "shoptet https://api.myshoptet.com");
  deepEqual(shop.all(), { A1: { quantity: 2, at: at.toISOString() } });
  deepEqual(Object.keys(lastSentByShop(db)), [""], "reading (a dry run) moves nothing");
  shop.record([{ ref: "B2", quantity: 5 }], at);
  deepEqual(Object.keys(shop.all()).sort(), ["A1", "B2"]);
  deepEqual(Object.keys(lastSentByShop(db)), ["shoptet https://api.myshoptet.com"]);
  db.close();
});

Deno.test("the shop's name in the state never carries credentials typed into its address", () => {
  const eshop = { platform: "woocommerce", url: "https://admin:tajne-heslo@obchod.sk/" } as EshopConfig;
  equal(shopName(eshop), "woocommerce https://obchod.sk");
});
