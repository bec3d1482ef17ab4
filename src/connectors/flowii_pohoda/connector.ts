/**
 * FLOWii → POHODA: partners and issued documents that FLOWii exports as POHODA XML, posted to POHODA.
 *
 * @module
 */

import { m } from "../../i18n/mod.ts";
import { pohodaSection } from "../../pohoda/config.ts";
import { unitlessStatus } from "../../pohoda/target.ts";
import { defineConnector, type StatusPart } from "../connector.ts";
import { flowiiSection } from "./config.ts";
import { retryFlowii, setFlowiiCursors, syncFlowii } from "./sync.ts";

/** The FLOWii → POHODA connector. */
export const flowiiPohoda = defineConnector({
  id: "flowii",
  title: "FLOWii → POHODA",
  get setupTitle() {
    return m.wizard.setupFlowii;
  },
  sections: [flowiiSection, pohodaSection],
  interval: (config) => config.flowii.interval_minutes,
  run: (config, env, options) =>
    syncFlowii({ flowii: config.flowii, pohoda: config.pohoda, ...env }, options),
  status: unitlessStatus("flowii") as StatusPart,
  startAt: setFlowiiCursors,
  outbox: {
    source: "FLOWii",
    retry: (config, env, selection) =>
      retryFlowii({ flowii: config.flowii, pohoda: config.pohoda, ...env }, selection),
  },
});
