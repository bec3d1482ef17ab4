/**
 * HTTP Basic authentication with a consumer key and secret (WooCommerce REST docs, "Authentication
 * over HTTPS"), answered with WooCommerce's messages.
 *
 * Real shops only read Basic credentials over HTTPS and ignore them over plain HTTP; this emulator
 * accepts them over plain HTTP because it only listens on 127.0.0.1. The spojka client must
 * therefore allow `http://` for loopback hosts (127.0.0.1, localhost) only.
 *
 * @module
 */

import { errorResponse, wpError } from "./errors.ts";

/** `undefined` when the request carries the right key and secret, else the 401 to send. */
export function authenticate(request: Request, key: string, secret: string): Response | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.get("Authorization") ?? "");
  if (!match) {
    // Without credentials WordPress treats the caller as a visitor, whom the permission check refuses.
    return request.method === "GET"
      ? errorResponse(wpError(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."))
      : errorResponse(
        wpError(
          401,
          "woocommerce_rest_cannot_batch",
          "Sorry, you are not allowed to batch manipulate this resource.",
        ),
      );
  }
  const [user, ...rest] = decode(match[1]).split(":");
  if (user !== key) {
    return errorResponse(wpError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid."));
  }
  if (rest.join(":") !== secret) {
    return errorResponse(
      wpError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."),
    );
  }
  return undefined;
}

function decode(base64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(base64.trim()), (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}
