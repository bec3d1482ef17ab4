/**
 * The WP REST API error body, `{code, message, data: {status, ...}}` (WooCommerce REST docs,
 * "Errors"), and the same triple as it appears inside batch results.
 *
 * @module
 */

/** `error` member of a failed batch item, or the body of a failed request. */
export interface WpError {
  code: string;
  message: string;
  data: { status: number } & Record<string, unknown>;
}

/** Builds a {@linkcode WpError}. */
export function wpError(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): WpError {
  return { code, message, data: { status, ...data } };
}

/** A response carrying a {@linkcode WpError}. */
export function errorResponse(error: WpError, headers: Record<string, string> = {}): Response {
  return Response.json(error, { status: error.data.status, headers });
}
