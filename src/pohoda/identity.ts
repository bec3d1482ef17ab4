/**
 * Who a record is across runs: the outbox key, POHODA's `dataPackItem@id` and the label a human
 * recognises. Shared by both readings of a record (its text, or its tree), so an item gets the
 * same identity however it was read.
 *
 * @module
 */

import { createHash } from "node:crypto";

/** `dataPackItem@id` is at most this long. */
export const MAX_ID = 64;

/** What names a partner: its FLOWii external id, else its IČO. */
export type PartnerId =
  | { kind: "ext"; ids: string; system: string }
  | { kind: "ico"; ico: string };

/** The outbox key of a partner. */
export function partnerKey(id: PartnerId): string {
  return id.kind === "ext" ? `addressbook/ext/${id.system}/${id.ids}` : `addressbook/ico/${id.ico}`;
}

/**
 * A partner's item id. No content in it: the upsert is safe to repeat, and is sent without POHODA's
 * batch duplicity check, so every version of a partner, even a reverted one, gets through.
 */
export function partnerItemId(key: string): string {
  return shortId("FLW-P", key.replace(/^addressbook\//, "").replace(/\//g, "-"));
}

/** `Firma s.r.o. (IČO 12345678)`. */
export function partnerLabel(name: string, ico: string | undefined): string {
  return ico ? `${name} (IČO ${ico})` : name;
}

/** A document's key by its number, else its external id; undefined when neither names it (it is refused). */
export function documentKey(type: string, number?: string, extIds?: string): string | undefined {
  if (number) return `${type}/${number}`;
  if (extIds) return `${type}/ext/${extIds}`;
  return undefined;
}

/** A document's item id, from its key. */
export function documentItemId(key: string): string {
  return shortId("FLW", key.replace(/\//g, "-"));
}

/** `2025100001 (Firma s.r.o.)`. */
export function documentLabel(number?: string, extIds?: string, partnerName?: string): string {
  return [number ?? extIds ?? "(no number)", partnerName && `(${partnerName})`].filter(Boolean).join(" ");
}

/** `prefix-rest` when it fits in {@linkcode MAX_ID} characters of safe text, else `prefix-H<hash>`. */
export function shortId(prefix: string, rest: string): string {
  const id = `${prefix}-${rest}`;
  return id.length <= MAX_ID && /^[\w./:-]+$/.test(id) ? id : `${prefix}-H${hash(rest, 20)}`;
}

/**
 * The first `length` hex digits of the SHA-256 of `text`. Synchronous: Web Crypto's digest is a
 * round trip to another thread per call, which cost a second per 20,000 partners.
 */
export function hash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
