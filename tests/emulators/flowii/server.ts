/**
 * The FLOWii API emulator: token endpoint, the two POHODA export endpoints, fault injection and a
 * request log, served on 127.0.0.1 for the CLI under test.
 *
 * Behaviour follows the reference (`flowii-api.md`); where FLOWii is unknown, it imitates an
 * ASP.NET Web API with an OWIN OAuth server, which is what `/token` with a password grant,
 * `token_type: "bearer"` and OAuth error bodies suggest.
 *
 * @module
 */

import { listenLogged } from "../request_log.ts";
import type { XmlEncoding } from "../xml.ts";
import { TokenStore } from "./auth.ts";
import { type DatasetOptions, FlowiiDataset } from "./dataset.ts";
import { type CachedExport, ExportCache } from "./export_cache.ts";
import { exportEntries, exportFileName, type ExportKind, modifiedSince } from "./export.ts";
import { type Fault, FaultQueue, faultyZip, gatewayResponse } from "./faults.ts";
import type { IssuedDocument, Partner } from "./records.ts";
import { zipFiles } from "./zip.ts";

/** Request paths of the emulated API. */
export const FLOWII_PATHS = {
  token: "/token",
  partners: "/partners/pohoda-export",
  documents: "/documents/pohoda-export",
} as const;

/** How to start the emulator; everything has a default. */
export interface FlowiiOptions {
  /** FLOWii login e-mail. */
  user?: string;
  password?: string;
  apiKey?: string;
  /** When set, export requests must pass `companyId=<this>`; otherwise → 404. */
  companyId?: string;
  /** Token lifetime. Default 300 s ("a few minutes"). */
  tokenTtlSeconds?: number;
  /** The data, or how to generate it. Default: seed 1, 20 partners, 60 documents. */
  dataset?: DatasetOptions | FlowiiDataset;
  /** Encoding of each export. Default: partners windows-1250, documents UTF-8. */
  encoding?: Partial<Record<ExportKind, XmlEncoding>>;
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Clock in milliseconds (token expiry, `modifiedAt` of changes, file names). Default `Date.now`. */
  now?: () => number;
  /**
   * A folder where full exports of the generated history are written once and streamed from (see
   * `export_cache.ts`), for datasets too large to export in memory on every request. The XML's file
   * name holds the date, so pin `now` as well for files that last beyond the day. Off by default.
   */
  exportCacheDir?: string;
}

/** One request as the emulator saw it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Status of the answer given. */
  status: number;
}

/** A running emulator. */
export interface FlowiiEmulator {
  /** Base URL without a trailing slash. */
  url: string;
  /** The credentials the emulator accepts; `companyId` is the dataset company's id unless set. */
  credentials: { user: string; password: string; apiKey: string; companyId: string };
  dataset: FlowiiDataset;
  /** Every request so far, oldest first. */
  requests: LoggedRequest[];
  /** Encoding per export; may be changed between requests. */
  encoding: Record<ExportKind, XmlEncoding>;
  /** Makes the next `times` requests of `path` (see `FLOWII_PATHS`) fail with `fault`. */
  inject(path: string, fault: Fault, times?: number): void;
  /** Drops the injected faults not used yet. */
  clearFaults(): void;
  /** Lets all tokens issued so far expire now. */
  expireTokens(): void;
  /** New partners, modified now. */
  addPartners(count: number): Partner[];
  /** New documents, issued and modified now. */
  addDocuments(count: number): IssuedDocument[];
  /** Marks a record as modified now, applying `patch` (an edit in FLOWii). */
  touch(id: string, patch?: Partial<Partner> | Partial<IssuedDocument>): Partner | IssuedDocument;
  /**
   * The full export of `kind` as it is served now, on disk (written on first use): needs
   * `exportCacheDir` and a dataset without added or touched records.
   */
  cachedExport(kind: ExportKind): Promise<CachedExport>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const DEFAULT_DATASET: DatasetOptions = { seed: 1, partners: 20, documents: 60 };

function oauthError(status: number, error: string, description: string): Response {
  return Response.json({ error, error_description: description }, { status });
}

function message(status: number, text: string, headers: HeadersInit = {}): Response {
  return Response.json({ message: text }, { status, headers });
}

/** Starts the emulator on a free port of 127.0.0.1. */
export function startFlowii(options: FlowiiOptions = {}): FlowiiEmulator {
  const now = options.now ?? Date.now;
  const dataset = options.dataset instanceof FlowiiDataset
    ? options.dataset
    // The history ends at the emulator's clock, so a pinned clock gets a consistent history.
    : new FlowiiDataset({
      ...DEFAULT_DATASET,
      start: new Date(now()),
      companyId: options.companyId,
      ...options.dataset,
    });
  const credentials = {
    user: options.user ?? "uctovnik@example.sk",
    password: options.password ?? "Tajné-heslo-1",
    apiKey: options.apiKey ?? "flowii-emulator-api-key",
    companyId: options.companyId ?? dataset.company.id,
  };
  const encoding: Record<ExportKind, XmlEncoding> = {
    partners: options.encoding?.partners ?? "windows-1250",
    documents: options.encoding?.documents ?? "utf-8",
  };
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 300, now);
  const cache = options.exportCacheDir === undefined ? undefined : new ExportCache(options.exportCacheDir);
  const cachedExport = async (kind: ExportKind) => {
    if (!cache) throw new Error("the FLOWii emulator was started without exportCacheDir");
    return await cache.get(dataset, kind, encoding[kind], exportFileName(kind, new Date(now())));
  };
  const faults = new FaultQueue();
  const requests: LoggedRequest[] = [];

  async function token(req: Request): Promise<Response> {
    // OAuth authenticates the client (the API key) before it looks at the grant.
    if (req.headers.get("api-key") !== credentials.apiKey) {
      return oauthError(401, "invalid_client", "The API key is missing or invalid.");
    }
    if (!req.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(await req.text());
    if (form.get("grant_type") !== "password") {
      return oauthError(400, "unsupported_grant_type", "Only the password grant is supported.");
    }
    if (form.get("username") !== credentials.user || form.get("password") !== credentials.password) {
      return oauthError(400, "invalid_grant", "The user name or password is incorrect.");
    }
    return Response.json(tokens.issue(), { headers: { "Cache-Control": "no-store", "Pragma": "no-cache" } });
  }

  async function exportResponse(req: Request, url: URL, kind: ExportKind): Promise<Response> {
    if (req.headers.get("api-key") !== credentials.apiKey) {
      return oauthError(401, "invalid_client", "The API key is missing or invalid.");
    }
    const check = tokens.check(req.headers.get("authorization"));
    if (check !== "ok") {
      const challenge = check === "expired"
        ? 'Bearer error="invalid_token", error_description="The token expired"'
        : "Bearer";
      return message(401, "Authorization has been denied for this request.", {
        "WWW-Authenticate": challenge,
      });
    }
    const companyId = url.searchParams.get("companyId");
    if (options.companyId !== undefined && companyId !== options.companyId) {
      return message(404, `Company ${companyId ?? "(none)"} was not found.`);
    }
    const from = url.searchParams.get("from");
    if (from !== null && !/^\d+$/.test(from)) {
      return message(400, `The value '${from}' is not valid for from: expected UNIX seconds.`);
    }
    const since = from === null ? undefined : Number(from);
    const fault = faults.takePayload(url.pathname);
    // The vendor connector saves these downloads as companies.zip and documents.zip.
    const fileName = kind === "partners" ? "companies.zip" : "documents.zip";
    const headers = {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    };
    const records: readonly { modifiedAt: number }[] = dataset[kind];
    // A full export of the generated history comes from the cache; anything else is built per request.
    if (
      !fault && cache && !dataset.changed && records.length > 0 &&
      modifiedSince(records, since).length === records.length
    ) {
      const { zipPath, zipBytes } = await cachedExport(kind);
      const file = await Deno.open(zipPath);
      return new Response(file.readable, { headers: { ...headers, "Content-Length": String(zipBytes) } });
    }
    const entries = exportEntries(dataset, kind, {
      from: since,
      encoding: encoding[kind],
      now: new Date(now()),
    });
    const body = fault ? await faultyZip(fault, entries) : await zipFiles(entries);
    return new Response(body, { headers });
  }

  function route(req: Request, url: URL): Promise<Response> | Response {
    const gateway = faults.takeGateway(url.pathname);
    if (gateway) return gatewayResponse(gateway);
    const kind: ExportKind | undefined = url.pathname === FLOWII_PATHS.partners
      ? "partners"
      : url.pathname === FLOWII_PATHS.documents
      ? "documents"
      : undefined;
    if (url.pathname !== FLOWII_PATHS.token && kind === undefined) {
      return message(404, "No HTTP resource was found that matches the request URI.");
    }
    const expected = kind === undefined ? "POST" : "GET";
    if (req.method !== expected) {
      return message(405, `The requested resource does not support http method '${req.method}'.`, {
        Allow: expected,
      });
    }
    return kind === undefined ? token(req) : exportResponse(req, url, kind);
  }

  const server = listenLogged(
    requests,
    async (req, url) => {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return route(req, url);
    },
    (req, url, response): LoggedRequest => ({
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(req.headers),
      status: response.status,
    }),
  );
  const seconds = () => Math.floor(now() / 1000);

  return {
    url: server.url,
    credentials,
    dataset,
    requests,
    encoding,
    inject: (path, fault, times) => faults.inject(path, fault, times),
    clearFaults: () => faults.clear(),
    expireTokens: () => tokens.expireAll(),
    addPartners: (count) => dataset.addPartners(count, seconds()),
    addDocuments: (count) => dataset.addDocuments(count, seconds()),
    touch: (id, patch) => dataset.touch(id, seconds(), patch),
    cachedExport,
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
}
