/**
 * The request log of the HTTP emulators: every answered request is recorded after its answer, so a
 * test can assert what a client called and what it got back.
 *
 * @module
 */

import { listen, type RunningServer } from "./server.ts";

/** One request as an emulator saw it. */
export interface RequestRecord {
  method: string;
  /** Path and query, e.g. `/api/products?page=2`. */
  url: string;
  /** Status of the answer given. */
  status: number;
}

/** Answers one request; `url` is the request's URL, parsed once for the handler and the log. */
export type UrlHandler = (request: Request, url: URL) => Response | Promise<Response>;

/** The {@link RequestRecord} of an answered request. */
export function requestRecord(request: Request, url: URL, response: Response): RequestRecord {
  return { method: request.method, url: url.pathname + url.search, status: response.status };
}

/**
 * Serves `handle` on loopback (see {@link listen}) and appends what `record` makes of every answered
 * request to `log`; emulators whose tests need more than a {@link RequestRecord} record more.
 */
export function listenLogged<R>(
  log: R[],
  handle: UrlHandler,
  record: (request: Request, url: URL, response: Response) => R,
): RunningServer {
  return listen(async (request) => {
    const url = new URL(request.url);
    const response = await handle(request, url);
    log.push(record(request, url, response));
    return response;
  });
}
