/**
 * KROS → e-shop: stock levels from KROS written to the shop, on an interval and on KROS notifications.
 *
 * @module
 */

import { formatLocal } from "../../core/time.ts";
import { m } from "../../i18n/mod.ts";
import { eshopSection, platformOf } from "../../eshop/config.ts";
import { defineConnector, type StatusPart } from "../connector.ts";
import { krosSection, stockSection } from "./config.ts";
import { lastSentByShop, type SentQuantity } from "./memory.ts";
import { syncStock } from "./sync.ts";

/** `status`: the last quantity spojka set per shop product, by shop. */
const status: StatusPart<{ lastSent: Record<string, Record<string, SentQuantity>> }> = {
  build: (db) => {
    const shops = lastSentByShop(db);
    return Object.keys(shops).length > 0 ? { lastSent: shops } : undefined;
  },
  format: ({ lastSent: byShop }) =>
    Object.entries(byShop).flatMap(([shop, lastSent]) => {
      const sent = Object.values(lastSent);
      const latest = sent.map((s) => s.at).sort().at(-1);
      return [
        "",
        m.status.stock(sent.length, shop || m.status.oldShop, latest && formatLocal(new Date(latest))),
      ];
    }),
};

/** The KROS → e-shop stock connector. */
export const krosStock = defineConnector({
  id: "stock",
  title: "KROS → e-shop",
  get setupTitle() {
    return m.wizard.setupStock;
  },
  sections: [krosSection, eshopSection, stockSection],
  interval: (config) => config.stock.interval_minutes,
  run: (config, { paths, log }, options) =>
    syncStock({ kros: config.kros, eshop: config.eshop, stock: config.stock, paths, log }, options),
  refine: (config, problem) => {
    const platform = platformOf(config.eshop);
    if (!platform.decimalQuantities && config.stock.fractions === "keep") {
      problem(["stock", "fractions"], m.configIssue.fractionsKeep(platform.name));
    }
  },
  notifications: { source: "KROS", key: (config) => config.kros.notify_key.reveal() },
  status: status as StatusPart,
  afterInit: (config, serve) => {
    // What to enter in KROS (Nastavenia → API prepojenia) so that it notifies spojka of changes. The
    // key goes to the console only, never to the log; config.toml keeps it encrypted.
    console.log(m.stockRun.inKros);
    console.log(
      `  URL pre príjem notifikácií z API:  ${serve.public_url ?? `http://${serve.listen}`}/kros/notify`,
    );
    console.log(`  Autorizačný kľúč k zadanej URL:    ${config.kros.notify_key.reveal()}`);
    if (!serve.public_url) {
      console.log(m.stockRun.publicUrl);
    }
  },
});
