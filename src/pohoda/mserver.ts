/**
 * POHODA mServer over HTTP: posting packs (one at a time, as mServer processes them anyway) and
 * the status checks. Every import is protected by POHODA's duplicity check, which is what makes a
 * retry after a timeout or a lost answer safe.
 *
 * @module
 */

import { ServiceError } from "../core/errors.ts";
import {
  describeBody,
  type HttpResponse,
  request,
  type RequestContext,
  serviceContext,
} from "../core/http.ts";
import type { PohodaConfig } from "./config.ts";
import { checkMServer } from "./check.ts";
import { decodeXml, encode1250 } from "./encoding.ts";
import type { PohodaTransport, TransportCheck } from "./transport.ts";
import { descendant, parseXml, text, type XmlElement } from "./xmltree.ts";
import { m } from "../i18n/mod.ts";

/** What `GET /status` says. */
export interface MServerStatus {
  /** `idle`, `busy`, … as mServer reports it. */
  state?: string;
  /** Requests in progress. */
  processing?: number;
  /** Name of the mServer configuration. */
  name?: string;
}

/** The accounting unit behind mServer, from `GET /status?companyDetail`. */
export interface CompanyDetail {
  ico?: string;
  company?: string;
  database?: string;
  year?: string;
}

const SERVICE = "POHODA mServer";

/** A client of one mServer. */
export class MServer implements PohodaTransport {
  readonly service = SERVICE;
  readonly #config: PohodaConfig;
  readonly #runId: string;
  readonly #log: { detail(message: string): void };
  #queue: Promise<unknown> = Promise.resolve();
  /** Answers to packs sent more than once (see {@linkcode MServer.answeredAfterRetry}). */
  readonly #retried = new WeakSet<Uint8Array>();

  constructor(config: PohodaConfig, runId: string, log: { detail(message: string): void }) {
    this.#config = config;
    this.#runId = runId;
    this.#log = log;
  }

  /** Posts a pack and returns the response body (decompressed). Queued: never two at once. */
  post(pack: Uint8Array<ArrayBuffer>, checkDuplicity: boolean): Promise<Uint8Array> {
    const job = this.#queue.then(() => this.#post(pack, checkDuplicity));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  /** Posts a list request: it imports nothing, so without the batch duplicity check. */
  list(pack: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
    return this.post(pack, false);
  }

  /** Is mServer running, does it accept the credentials, and does it serve the configured IČO? */
  async check(): Promise<TransportCheck> {
    const { detail, notes } = await checkMServer(this, this.#config);
    const unit = detail &&
      [
        detail.company,
        detail.ico && `IČO ${detail.ico}`,
        detail.database,
        detail.year && m.pohodaLink.year(detail.year),
      ]
        .filter(Boolean).join(", ");
    const year = Number(detail?.year?.slice(0, 4));
    return {
      summary: m.pohodaLink.answersFor(unit || undefined),
      notes,
      ...(Number.isInteger(year) && year > 0 ? { year } : {}),
    };
  }

  /**
   * Whether `answer` (returned by {@linkcode MServer.post}) came to a pack sent more than once: an
   * earlier attempt, whose answer was lost, may have imported from it.
   */
  answeredAfterRetry(answer: Uint8Array): boolean {
    return this.#retried.has(answer);
  }

  async #post(pack: Uint8Array<ArrayBuffer>, checkDuplicity: boolean): Promise<Uint8Array> {
    let attempts = 0;
    const context = this.#context(this.#config.timeout_seconds, this.#config.max_attempts);
    const response = await this.#request(this.#config.url, {
      method: "POST",
      headers: {
        ...this.#auth(),
        "STW-Application": "spojka",
        "STW-Instance": this.#runId,
        ...(checkDuplicity ? { "STW-Check-Duplicity": "true" } : {}),
        "Content-Type": "text/xml",
      },
      body: pack,
    }, {
      ...context,
      beforeAttempt: () => {
        attempts++;
        return Promise.resolve();
      },
    });
    if (!response.ok) throw httpError(response);
    if (attempts > 1) this.#retried.add(response.body);
    return response.body;
  }

  /** `GET /status`; `null` if this mServer has no status page. */
  async status(): Promise<MServerStatus | null> {
    const root = await this.#getStatus("", false);
    if (!root) return null;
    const processing = Number(text(descendant(root, "processing")));
    return {
      state: text(descendant(root, "status"))?.trim(),
      processing: Number.isFinite(processing) ? processing : undefined,
      name: text(descendant(root, "name"))?.trim(),
    };
  }

  /** `GET /status?companyDetail` (authenticated); `null` if this mServer has no status page. */
  async companyDetail(): Promise<CompanyDetail | null> {
    const root = await this.#getStatus("?companyDetail", true);
    if (!root) return null;
    const field = (name: string) => text(descendant(root, name))?.trim() || undefined;
    const database = field("databaseName");
    // The shape of this page is not documented: the IČO is read from an element of its own, or from
    // the database name, which POHODA forms as StwPh_<IČO>_<year>.
    const fromName = /^StwPh_(\d{6,8})_(\d{4})/i.exec(database ?? "");
    return {
      ico: field("ico") ?? fromName?.[1],
      company: field("company") ?? field("companyName"),
      database,
      year: field("year") ?? field("period") ?? fromName?.[2],
    };
  }

  async #getStatus(query: string, authenticated: boolean): Promise<XmlElement | null> {
    const url = this.#config.url.replace(/\/xml\/?$/i, "") + "/status" + query;
    const response = await this.#request(
      url,
      { headers: authenticated ? this.#auth() : {} },
      this.#context(this.#config.status_timeout_seconds, 1),
    );
    if (response.status === 404) return null;
    if (!response.ok) throw httpError(response);
    try {
      return parseXml(decodeXml(response.body));
    } catch {
      this.#log.detail(m.mserverCheck.statusNotXml);
      return null;
    }
  }

  async #request(url: string, init: RequestInit, context: RequestContext): Promise<HttpResponse> {
    try {
      return await request(url, init, context);
    } catch (e) {
      if (!(e instanceof ServiceError) || new URL(url).hostname !== "localhost") throw e;
      throw new ServiceError(e.message, {
        cause: e,
        hint: m.pohodaLink.localhost,
      });
    }
  }

  #auth(): Record<string, string> {
    const credentials = `${this.#config.user}:${this.#config.password.reveal()}`;
    const bytes = this.#config.credentials_encoding === "windows-1250"
      ? encode1250(credentials)
      : new TextEncoder().encode(credentials);
    return { "STW-Authorization": `Basic ${bytes.toBase64()}` };
  }

  #context(timeoutSeconds: number, attempts: number): RequestContext {
    // Only a busy or timed-out mServer is asked again: every import is protected by the duplicity check.
    const settings = { max_attempts: attempts, timeout_seconds: timeoutSeconds };
    return serviceContext(SERVICE, this.#log, settings, [408, 503]);
  }
}

function httpError(response: HttpResponse): ServiceError {
  const said = describeBody(response.body);
  switch (response.status) {
    case 401:
      return new ServiceError(m.pohodaLink.badLogin(said), { hint: m.pohodaLink.badLoginHint });
    case 403:
      return new ServiceError(m.pohodaLink.noAccess(said), { hint: m.pohodaLink.noAccessHint });
    case 404:
      return new ServiceError(m.pohodaLink.noAddress(response.url), { hint: m.pohodaLink.noAddressHint });
    default:
      return new ServiceError(m.pohodaLink.http(response.status, said));
  }
}
