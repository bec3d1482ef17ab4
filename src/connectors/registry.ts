/**
 * The connectors, listed once. Everything that knows connectors (config validation, `init`, the
 * connection checks, `sync`, `serve`, `status`) works from this list, through connectors/config.ts.
 * A new connector is a folder beside these with its descriptor, and one line here.
 *
 * @module
 */

import type { Connector } from "./connector.ts";
import { flowiiPohoda } from "./flowii_pohoda/connector.ts";
import { krosStock } from "./kros_stock/connector.ts";

/** Every connector, in the order they run. */
export const CONNECTORS = [
  flowiiPohoda,
  krosStock,
] as const;

/** Connectors a test adds, after the built-in ones. */
const added: Connector[] = [];

/** The connectors in the order they run. */
export function connectors(): readonly Connector[] {
  return [...CONNECTORS, ...added];
}

/** For tests: adds `connector` as if it had a line above; returns the function that removes it again. */
export function registerConnector(connector: Connector): () => void {
  added.push(connector);
  return () => void added.splice(added.indexOf(connector), 1);
}
