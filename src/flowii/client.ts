/**
 * The FLOWii API as spojka uses it: the password-grant token (cached, refreshed before it expires,
 * renewed once on a 401) and the POHODA exports, which arrive as zip files, streamed to disk.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import {
  describeBody,
  download,
  type DownloadResponse,
  ERROR_BODY_BYTES,
  type HttpHead,
  type HttpResponse,
  readStart,
  request,
  type RequestContext,
  serviceContext,
} from "../core/http.ts";
import { removeIfExists } from "../core/files.ts";
import { registerToken } from "../core/redact.ts";
import type { FlowiiConfig } from "../connectors/flowii_pohoda/config.ts";
import { m } from "../i18n/mod.ts";

/** The two exports spojka reads. */
export type FlowiiStream = "partners" | "documents";

/** A downloaded export; the zip is in the file it was downloaded to. */
export interface ExportDownload {
  /** When FLOWii made the export: the earlier of our clock at the request and the server's `Date`. */
  exportedAt: Date;
  /** Size of the zip. */
  bytes: number;
}

const SERVICE = "FLOWii";

/** A client of one FLOWii account. */
export class FlowiiClient {
  readonly #config: FlowiiConfig;
  readonly #log: { detail(message: string): void };
  #token?: { value: string; refreshAt: number };

  constructor(config: FlowiiConfig, log: { detail(message: string): void }) {
    this.#config = config;
    this.#log = log;
  }

  /** A valid access token, from the cache while it has a minute to live. */
  async token(): Promise<string> {
    if (this.#token && Date.now() < this.#token.refreshAt) return this.#token.value;
    const config = this.#config;
    const response = await request(this.#url(config.endpoints.token), {
      method: "POST",
      headers: { "Api-Key": config.api_key.reveal(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        username: config.user,
        password: config.password.reveal(),
      }),
    }, this.#context());
    const body = parseJson(response.body);
    if (!response.ok || typeof body?.access_token !== "string") throw tokenError(response, body);
    const ttl = typeof body.expires_in === "number" && body.expires_in > 0
      ? body.expires_in * 1000
      : 5 * 60_000;
    // Refresh a minute early (or at 4/5 of a short lifetime), so no request goes out with a dying token.
    this.#token = { value: body.access_token, refreshAt: Date.now() + Math.max(ttl - 60_000, ttl * 0.8) };
    registerToken(body.access_token);
    this.#log.detail(m.flowii.tokenObtained(Math.round(ttl / 1000)));
    return this.#token.value;
  }

  /**
   * Downloads an export of what changed since `since` (UNIX seconds), or everything, into the zip
   * file `path`, streamed: an export of any size takes a few MB of memory. `onBytes` hears of the
   * progress. A download that fails leaves `path` as it was; an answer that is not a zip is not kept.
   */
  async exportTo(
    stream: FlowiiStream,
    since: number | undefined,
    path: string,
    onBytes?: (received: number, total?: number) => void,
  ): Promise<ExportDownload> {
    const { endpoints, company_id: company } = this.#config;
    const url = new URL(this.#url(endpoints[stream]));
    if (company) url.searchParams.set(endpoints.company_param, company);
    if (since !== undefined) url.searchParams.set(endpoints.since_param, String(since));
    const requestedAt = new Date();
    let response = await this.#download(url.href, path, onBytes);
    if (response.status === 401) {
      // An access token lives minutes; one that expired in flight is renewed once.
      this.#token = undefined;
      response = await this.#download(url.href, path, onBytes);
    }
    if (!response.ok) throw exportError(stream, response);
    if (!isZip(await fileStart(path, 4))) {
      const body = await fileStart(path, ERROR_BODY_BYTES);
      await removeIfExists(path);
      throw notAZip(stream, response, body);
    }
    const serverDate = Date.parse(response.headers.get("date") ?? "");
    const exportedAt = new Date(
      Math.min(requestedAt.getTime(), Number.isNaN(serverDate) ? Infinity : serverDate),
    );
    return { exportedAt, bytes: response.bytes };
  }

  async #download(
    url: string,
    path: string,
    onBytes: ((received: number, total?: number) => void) | undefined,
  ): Promise<DownloadResponse> {
    const token = await this.token();
    return download(
      url,
      {
        headers: { "Api-Key": this.#config.api_key.reveal(), "Authorization": `Bearer ${token}` },
      },
      this.#context(),
      path,
      onBytes,
    );
  }

  #url(path: string): string {
    return this.#config.base_url.replace(/\/+$/, "") + path;
  }

  #context(): RequestContext {
    return serviceContext(SERVICE, this.#log, this.#config, [429, 503]);
  }
}

/** The first `length` bytes of the file (fewer when it is shorter). */
async function fileStart(path: string, length: number): Promise<Uint8Array> {
  // The stream closes the file when it is cancelled or ends.
  return readStart((await Deno.open(path)).readable, length);
}

/** A zip starts with a local file header, or (when empty) with the end-of-central-directory record. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b &&
    (bytes[2] === 3 && bytes[3] === 4 || bytes[2] === 5 && bytes[3] === 6);
}

// deno-lint-ignore no-explicit-any
function tokenError(response: HttpResponse, body: any): ServiceError {
  const said = describeBody(response.body);
  switch (body?.error) {
    case "invalid_grant":
      return new ServiceError(m.flowii.badLogin(said), { hint: m.flowii.badLoginHint });
    case "invalid_client":
    case "unauthorized_client":
      return new ServiceError(m.flowii.badKey(said), { hint: m.flowii.badKeyHint });
    default:
      return new ServiceError(m.flowii.noToken(response.status, said));
  }
}

function exportError(stream: FlowiiStream, response: HttpResponse): ServiceError {
  const said = describeBody(response.body);
  const name = m.flowiiRun.stream[stream] ?? stream;
  if (response.status === 401 || response.status === 403) {
    return new ServiceError(m.flowii.noAccess(name, response.status, said), { hint: m.flowii.noAccessHint });
  }
  if (response.status === 404) {
    return new ServiceError(m.flowii.noExport(name, new URL(response.url).pathname, said), {
      hint: m.flowii.noExportHint,
    });
  }
  return new ServiceError(m.flowii.exportFailed(name, response.status, said));
}

function notAZip(stream: FlowiiStream, response: HttpHead, body: Uint8Array): ServiceError {
  const type = response.headers.get("content-type")?.split(";")[0].trim() || m.flowii.noContentType;
  const said = describeBody(body);
  return new ServiceError(m.flowii.notAZip(type, m.flowiiRun.stream[stream] ?? stream, said), {
    hint: m.flowii.notAZipHint,
  });
}

// deno-lint-ignore no-explicit-any
function parseJson(body: Uint8Array): any {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}
