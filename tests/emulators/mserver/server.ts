/**
 * The HTTP face of the mServer emulator: `POST /xml` (authenticated, serialised, with fault
 * injection), `GET /status` and `GET /status?companyDetail`, on 127.0.0.1 with a free port.
 *
 * @module
 */

import { encodeWindows1250 } from "../cp1250.ts";
import { listen } from "../server.ts";
import { resolveXsdDir, schemaValidator, type XsdIssue } from "../xsd.ts";
import { BodyEncodingError, decodeXml, readBody } from "./body.ts";
import type { MServerFaults } from "./faults.ts";
import { importDataPack } from "./importer.ts";
import { PohodaDb } from "./pohoda.ts";
import { SerialQueue } from "./queue.ts";
import { renderResponsePack } from "./response.ts";
import { encodeStatus } from "./status.ts";

/** How to start an emulator. */
export interface MServerOptions {
  /** IČO of the accounting unit the emulated mServer is bound to. */
  ico: string;
  /** Credentials expected in `STW-Authorization` (compared as UTF-8). */
  user: string;
  password: string;
  /** Company name reported by `/status?companyDetail`; default `Emulovaná firma s.r.o.`. */
  companyName?: string;
  /** Accounting year; default the current year. */
  year?: number;
  /** Processing time of every `POST /xml` (changeable later through `faults.latencyMs`). */
  latencyMs?: number;
  /**
   * Processing time of every `dat:dataPackItem` of a processed pack, added to `latencyMs` (changeable
   * later through `faults.itemLatencyMs`): load runs model POHODA's own cost per record with it.
   */
  itemLatencyMs?: number;
  /**
   * Validate every pack against `data.xsd` (default true). Load runs turn it off: validating
   * thousands of packs is the emulator's cost, not the client's. Requests then carry no `schemaIssues`.
   */
  validateSchema?: boolean;
  /**
   * Keep each request's `body` and `response` text in `requests` (default true). Load runs turn it
   * off so that the log of thousands of packs stays small.
   */
  retainBodies?: boolean;
  /** Folder with the POHODA XSDs; default `POHODA_XSD_DIR`, else `../shared/pohoda-xsd` beside the repo. */
  xsdDir?: string;
  /** mServer configuration name reported by `/status`; default `spojka-emulator`. */
  name?: string;
  /**
   * Characters this POHODA cannot read besides those its XML parser refuses: a pack holding one is
   * refused whole as not well-formed (see unreadable.ts). Default none.
   */
  unreadable?: string;
}

/** One HTTP request the emulator received, for assertions. */
export interface RecordedRequest {
  at: Date;
  method: string;
  /** Path with query, e.g. `/status?companyDetail`. */
  path: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** `POST /xml` body after `Content-Encoding`, decoded by its XML declaration. */
  body?: string;
  /** `dataPack/@id` and the `dataPackItem/@id`s in order, when the body could be read. */
  packId?: string;
  itemIds?: string[];
  /** `data.xsd` problems of the request (empty when it validated; absent when not validated). */
  schemaIssues?: XsdIssue[];
  /** HTTP status answered (for a dropped response: the status whose body was lost). */
  status?: number;
  /** True when the response was lost on purpose (`faults.dropResponse`). */
  dropped?: boolean;
  /** The `rsp:responsePack` text (before windows-1250 encoding) of a processed `POST /xml`. */
  response?: string;
}

/** A running emulator. */
export interface MServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `${url}/xml`. */
  xmlUrl: string;
  /** The emulated POHODA: company (IČO/year/name may be changed), address book, invoices, import history. */
  pohoda: PohodaDb;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /**
   * Milliseconds spent processing `POST /xml` requests: from a request's turn in the serial queue to
   * its encoded answer, summed over requests. Time waiting for the turn is not counted, so this is
   * POHODA's busy time, the floor for any client posting through it.
   */
  readonly busyMs: number;
  /** Fault switches (mutable). */
  faults: MServerFaults;
  /** Requests being answered now. */
  readonly open: number;
  /**
   * Makes POHODA busy with something else: `/status` reports `busy` and `processing` counts it plus
   * the waiting requests; `POST /xml` requests queue until the returned function is called.
   */
  hold(): () => void;
  /** Stops the server (releasing a hold) and waits for open requests. */
  close(): Promise<void>;
}

const XML_HEADERS = { "content-type": "text/xml" };

/** Starts an emulated POHODA mServer on 127.0.0.1 with a free port. */
export async function startMServer(options: MServerOptions): Promise<MServer> {
  const validator = options.validateSchema === false
    ? undefined
    : await schemaValidator("data", resolveXsdDir(options.xsdDir));
  const retainBodies = options.retainBodies ?? true;
  const pohoda = new PohodaDb({
    ico: options.ico,
    name: options.companyName ?? "Emulovaná firma s.r.o.",
    year: options.year ?? new Date().getFullYear(),
    key: crypto.randomUUID(),
  });
  const faults: MServerFaults = {
    unavailable: 0,
    loginPage: 0,
    dropResponse: 0,
    latencyMs: options.latencyMs ?? 0,
    itemLatencyMs: options.itemLatencyMs ?? 0,
  };
  const queue = new SerialQueue();
  let busyMs = 0;
  const requests: RecordedRequest[] = [];
  const credentials = `${options.user}:${options.password}`;

  const postXml = async (request: Request, entry: RecordedRequest): Promise<Response> => {
    if (faults.unavailable > 0) {
      faults.unavailable--;
      return plain(503, "503 Service Unavailable");
    }
    if (faults.loginPage > 0) {
      faults.loginPage--;
      const page = "<html><head><title>POHODA – přihlášení</title></head><body>Přihlaste se.</body></html>";
      return new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    if (!authorised(request, credentials)) return plain(401, "401 Unauthorized");
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readBody(request);
    } catch (error) {
      if (error instanceof BodyEncodingError) return plain(400, `400 Bad Request: ${error.message}`);
      throw error;
    }
    if (retainBodies) entry.body = decodeXml(bytes);
    const dropped = faults.dropResponse > 0;
    if (dropped) faults.dropResponse--;

    const { result, response, body } = await queue.run(async () => {
      const started = performance.now();
      await sleep(faults.latencyMs);
      const result = importDataPack(bytes, {
        db: pohoda,
        validator,
        checkDuplicity: request.headers.get("stw-check-duplicity")?.trim().toLowerCase() === "true",
        faults,
        unreadable: options.unreadable,
      });
      await sleep(faults.itemLatencyMs * result.itemIds.length);
      const response = renderResponsePack(result.model);
      const body = encodeWindows1250(response);
      busyMs += performance.now() - started;
      return { result, response, body };
    });
    Object.assign(entry, {
      packId: result.packId,
      itemIds: result.itemIds,
      schemaIssues: result.schemaIssues,
    });
    if (retainBodies) entry.response = response;
    if (!dropped) return new Response(body, { headers: XML_HEADERS });
    // Deno.serve cannot close a socket before the status line, so the loss happens mid-response:
    // headers promise the full length, the body ends at once, and the client's body read fails.
    entry.dropped = true;
    const empty = new ReadableStream({ start: (controller) => controller.close() });
    return new Response(empty, { headers: { ...XML_HEADERS, "content-length": String(body.length) } });
  };

  const status = (request: Request, url: URL, base: string): Response => {
    const companyDetail = url.searchParams.has("companyDetail");
    // Only the company detail needs credentials (reference §3).
    if (companyDetail && !authorised(request, credentials)) return plain(401, "401 Unauthorized");
    const processing = queue.pending + (queue.held ? 1 : 0);
    const body = encodeStatus({
      name: options.name ?? "spojka-emulator",
      server: base,
      busy: processing > 0,
      processing,
      company: companyDetail ? pohoda.company : undefined,
    });
    return new Response(body, { headers: XML_HEADERS });
  };

  const server = listen(async (request) => {
    const url = new URL(request.url);
    const entry: RecordedRequest = {
      at: new Date(),
      method: request.method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
    };
    requests.push(entry);
    let response: Response;
    if (url.pathname === "/xml") {
      // XML can only be sent with POST (reference §3).
      response = request.method === "POST" ? await postXml(request, entry) : notAllowed("POST");
    } else if (url.pathname === "/status") {
      // One client polls with POST /status, which real mServer answers as well.
      response = ["GET", "POST"].includes(request.method)
        ? status(request, url, server.url)
        : notAllowed("GET, POST");
    } else {
      response = plain(404, "404 Not Found");
    }
    entry.status = response.status;
    return response;
  });

  return {
    url: server.url,
    xmlUrl: `${server.url}/xml`,
    pohoda,
    requests,
    get busyMs() {
      return busyMs;
    },
    faults,
    get open() {
      return server.open;
    },
    hold: () => {
      queue.hold();
      return () => queue.release();
    },
    close: () => {
      queue.release();
      return server.close();
    },
  };
}

/**
 * Checks `STW-Authorization: Basic base64(user:password)`, decoding the credentials as UTF-8 (what
 * most clients send; the real byte encoding is [unverified]). The `Basic ` prefix is required.
 */
function authorised(request: Request, credentials: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.get("stw-authorization") ?? "");
  if (!match) return false;
  try {
    const bytes = Uint8Array.from(atob(match[1]), (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes) === credentials;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}

/** A short plain-text answer: real mServer does not answer transport errors with XML. */
function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function notAllowed(allow: string): Response {
  const response = plain(405, "405 Method Not Allowed");
  response.headers.set("allow", allow);
  return response;
}
