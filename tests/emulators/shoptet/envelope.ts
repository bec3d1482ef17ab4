/**
 * Shoptet's response envelope (OpenAPI "Server response format"): `{data, errors}` on success,
 * `{data: null, errors: [{errorCode, message, instance}], metadata: {requestId}}` on failure, and an
 * `X-Request-ID` header on every JSON answer.
 *
 * @module
 */

/** One entry of the `errors` array. */
export interface ShoptetError {
  errorCode: string;
  message: string;
  /** The entity the error refers to, e.g. a product code, or `unknown`. */
  instance: string;
}

/** A successful answer. `errors` stays `null` unless some items of a bulk write were skipped. */
export function success(data: unknown, errors: ShoptetError[] | null = null, status = 200): Response {
  return json(status, { data, errors }, {});
}

/** A failed answer with the given errors. */
export function failure(
  status: number,
  errors: ShoptetError[],
  headers: Record<string, string> = {},
): Response {
  const requestId = crypto.randomUUID();
  return json(status, { data: null, errors, metadata: { requestId } }, {
    ...headers,
    "X-Request-ID": requestId,
  });
}

/**
 * The 429 of nginx's `limit_conn` (more than 3 open connections per token): nginx's own HTML page,
 * not the JSON envelope, because the request never reaches the application.
 */
export function tooManyConnections(): Response {
  const html = "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n" +
    "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  return new Response(html, { status: 429, headers: { "Content-Type": "text/html" } });
}

function json(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Request-ID": crypto.randomUUID(),
      ...headers,
    },
  });
}
