/**
 * Sends webhook notifications the way KROS reports finished asynchronous writes (reference §A6):
 * a JSON POST signed with {@linkcode krosSignature}, or a forged or unsigned one for negative tests.
 *
 * @module
 */

import { krosSignature, SIGNATURE_HEADER } from "./signature.ts";

/** Body of a KROS notification. `status` 200 = processed, 207 = partly failed (see `problems`). */
export interface KrosNotification {
  status: number;
  results: { entities: Array<{ data: Record<string, unknown>; problems?: string[] }> };
  apiUrl: string;
}

/** How to sign; by default the correct signature is sent. */
export interface SendOptions {
  /** A string is sent verbatim instead of the correct signature (forgery); `null` omits the header. */
  signature?: string | null;
}

/** A processed-OK notification for one imported document. */
export function sampleNotification(): KrosNotification {
  return {
    status: 200,
    results: { entities: [{ data: { id: 123, externalId: "spojka-1" }, problems: [] }] },
    apiUrl: "https://api-economy.kros.sk/api/invoices/123",
  };
}

/** POSTs `payload` to `url` signed with `secret` and returns the receiver's HTTP status. */
export async function sendNotification(
  url: string,
  secret: string,
  payload: KrosNotification = sampleNotification(),
  options: SendOptions = {},
): Promise<number> {
  const body = JSON.stringify(payload);
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  const signature = options.signature === undefined ? await krosSignature(secret, body) : options.signature;
  if (signature !== null) headers.set(SIGNATURE_HEADER, signature);
  const response = await fetch(url, { method: "POST", headers, body });
  await response.body?.cancel();
  return response.status;
}
