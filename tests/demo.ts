/**
 * `deno task demo`: the main job end to end against the bundled emulators. A FLOWii account and a
 * POHODA mServer start on 127.0.0.1; spojka is set up in ./demo-data with `init --non-interactive`,
 * syncs everything, FLOWii issues new documents, spojka syncs again (only the new ones move), and
 * `status` shows where things stand. Everything spojka writes stays in ./demo-data to look at.
 */

import { startWorld } from "./helpers/world.ts";

const dir = new URL("../demo-data/", import.meta.url).pathname;
const say = (text: string) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);

await Deno.remove(dir, { recursive: true }).catch(() => {});
say("Starting the FLOWii and POHODA mServer emulators; spojka init --non-interactive in ./demo-data");
const world = await startWorld({
  dir,
  output: "inherit",
  flowii: { dataset: { seed: 2026, partners: 60, documents: 240 } },
});
try {
  const { flowii, mserver } = world;
  console.log(
    `FLOWii emulator at ${flowii.url}: ${flowii.dataset.partners.length} partners, ` +
      `${flowii.dataset.documents.length} documents. mServer emulator at ${mserver.xmlUrl} (IČO ${mserver.pohoda.company.ico}).`,
  );

  say("spojka sync   (first run: everything)");
  await world.spojka("sync");
  console.log(
    `POHODA now holds ${mserver.pohoda.addressBook.length} address-book records and ${mserver.pohoda.invoices.length} documents.`,
  );

  const added = flowii.addDocuments(12);
  say(`FLOWii issues ${added.length} new documents; spojka sync   (only what is new)`);
  await world.spojka("sync");
  console.log(
    `POHODA now holds ${mserver.pohoda.addressBook.length} address-book records and ${mserver.pohoda.invoices.length} documents.`,
  );

  say("spojka status");
  await world.spojka("status");
  say(
    `Done. Look around in ${dir}: config.toml (secrets encrypted), state.json, log.txt, downloads/, responses/.`,
  );
} finally {
  await world.close();
}
