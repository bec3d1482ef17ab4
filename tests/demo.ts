/**
 * `deno task demo`: both connectors end to end against the bundled emulators, in ./demo-data.
 *
 * FLOWii → POHODA (the main job): spojka is set up with `init --non-interactive`, syncs everything,
 * FLOWii issues new documents, spojka syncs again (only the new ones move). KROS → Shoptet: the stock
 * connector is added, a dry run shows the changes, a sync writes them, and `spojka serve` reacts to a
 * signed KROS notification. `status` closes. Everything spojka wrote stays in ./demo-data.
 */

import { join } from "node:path";
import { dataPaths } from "../src/core/datadir.ts";
import { readConfig } from "../src/config/file.ts";
import { sendNotification } from "./emulators/kros/mod.ts";
import type { ShoptetEmulator } from "./emulators/shoptet/mod.ts";
import { spawnCli } from "./helpers/cli.ts";
import { articles, startStockWorld } from "./helpers/stock_world.ts";
import { startWorld } from "./helpers/world.ts";

const dir = new URL("../demo-data/", import.meta.url).pathname;
const say = (text: string) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);

await Deno.remove(dir, { recursive: true }).catch(() => {});
say("FLOWii and POHODA mServer emulators start; spojka init --non-interactive in ./demo-data");
const world = await startWorld({
  dir,
  output: "inherit",
  flowii: { dataset: { seed: 2026, partners: 60, documents: 240 } },
});
say("KROS and Shoptet emulators start; spojka init --non-interactive adds the stock connector");
const catalogue = articles(40);
const stock = await startStockWorld({
  dir,
  output: "inherit",
  platform: "shoptet",
  catalogue,
  notInShop: ["A0007"],
  shopStock: { A0001: 0, A0002: 7 },
});
try {
  const { flowii, mserver } = world;
  const pohoda = () =>
    `POHODA holds ${mserver.pohoda.addressBook.length} address-book records and ${mserver.pohoda.invoices.length} documents.`;

  say("spojka sync flowii   (first run: everything)");
  await world.spojka("sync", "flowii");
  console.log(pohoda());

  flowii.addDocuments(12);
  say("FLOWii issues 12 new documents; spojka sync flowii   (only what is new)");
  await world.spojka("sync", "flowii");
  console.log(pohoda());

  say("spojka sync stock --dry-run   (what would change in the shop)");
  await stock.spojka("sync", "stock", "--dry-run");
  say("spojka sync stock");
  await stock.spojka("sync", "stock");

  say("spojka serve: KROS notifies a stock change; serve syncs within seconds");
  const port = freePort();
  await Deno.writeTextFile(
    join(dir, "config.toml"),
    `\n[serve]\nlisten = "127.0.0.1:${port}"\ndebounce_seconds = 1\n`,
    {
      append: true,
    },
  );
  const server = spawnCli(["--dir", dir, "serve"], { output: "inherit" });
  await waitFor(async () =>
    (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json()).catch(() => null))?.lastRuns?.stock
  );
  stock.kros.catalog.setQuantity(1, "BA", 25);
  // The demo plays KROS, which knows the key because the user entered it there after init.
  const key = (await readConfig(dataPaths(dir), { env: () => undefined }))!.kros!.notify_key.reveal();
  console.log(
    `KROS sends a signed notification: HTTP ${await sendNotification(
      `http://127.0.0.1:${port}/kros/notify`,
      key,
    )}`,
  );
  await waitFor(() => Promise.resolve((stock.shop as ShoptetEmulator).stockOf("A0001")?.realStock === 25));
  console.log(
    `Shoptet now shows ${(stock.shop as ShoptetEmulator).stockOf("A0001")?.realStock} pieces of A0001.`,
  );
  server.kill("SIGINT");
  await server.status;

  say("spojka status");
  await world.spojka("status");
  say(
    `Done. Look around in ${dir}: config.toml (secrets encrypted), state.db, log.txt, downloads/, responses/.`,
  );
} finally {
  await world.close();
  await stock.close();
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  listener.close();
  return listener.addr.port;
}

async function waitFor(probe: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200 && !(await probe()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}
