/**
 * How packs reach POHODA: mServer over HTTP, or Pohoda.exe's `/XML` file exchange
 * (`[pohoda] transport`). Posting sees one interface, a pack in and POHODA's answer out, so
 * narrowing, settling, the ledger and the lookups are the same whichever way a pack travels. The
 * file exchange adds {@linkcode LaterAnswers}: its answer may come on a later run.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { ConfigError } from "../core/errors.ts";
import type { PohodaConfig } from "./config.ts";
import type { ListSend } from "./list.ts";
import { MServer } from "./mserver.ts";
import type { Send } from "./post.ts";
import { XmlFolder } from "./xml_folder.ts";
import { m } from "../i18n/mod.ts";

/** What a check before importing found. */
export interface TransportCheck {
  /** One line on what answers, e.g. `answers for Firma s.r.o., IČO 12345679`. */
  summary: string;
  /** Things worth telling the user that do not stop the run. */
  notes: string[];
  /** The accounting year of the unit that answers, when it says. */
  year?: number;
}

/** One way to POHODA. */
export interface PohodaTransport {
  /** What messages call it, e.g. `POHODA mServer`. */
  readonly service: string;
  /**
   * Before importing: can POHODA be reached this way, for the configured accounting unit? Throws
   * ServiceError (unreachable, credentials), ConfigError (another unit, a missing program) or
   * StorageError (a folder spojka cannot write).
   */
  check(): Promise<TransportCheck>;
  /** Sends a pack and resolves to POHODA's answer. */
  post: Send;
  /**
   * Whether `answer` (from {@linkcode PohodaTransport.post}) came to a pack sent more than once: an
   * earlier attempt, whose answer was lost, may have imported from it.
   */
  answeredAfterRetry(answer: Uint8Array): boolean;
  /** Sends a list request (verify, number lookups); absent where POHODA answers none this way. */
  readonly list?: ListSend;
  /** Present where an answer may come after the run that sent its pack. */
  readonly later?: LaterAnswers;
}

/** A version of an outbox item sent in a pack whose answer comes later. */
export interface SentItem {
  key: string;
  /** Its payload's {@linkcode payloadVersion}: a changed item still has to go, the same one again need not. */
  version: string;
  /** Its place in the posting order. */
  rank: number;
}

/** What tells versions of an item apart: a digest of the payload sent. */
export function payloadVersion(payload: string): string {
  return createHash("sha256").update(payload).digest("hex").slice(0, 32);
}

/**
 * Answers that come after the run that sent their pack. Such a pack's items stay in the outbox,
 * pending, and are not sent again while their answer is awaited: a later run settles them from it.
 */
export interface LaterAnswers {
  /** Whether `answer` stands for an answer POHODA has not written yet. */
  isAwaited(answer: Uint8Array): boolean;
  /**
   * Notes that the pack behind the awaited `answer` holds `items`, for the run that reads its answer.
   * When the answer is missing through a failure (Pohoda.exe ended without writing it), throws that
   * failure once noted: posting ends, as when POHODA refuses a pack.
   */
  await(answer: Uint8Array, items: readonly SentItem[]): Promise<void>;
  /** The caller has read and kept `answer` (and settles it now): its pack's files go. */
  settled(answer: Uint8Array): Promise<void>;
  /** The packs of earlier runs: those to settle now, and the items whose answer is still awaited. */
  earlier(): Promise<Earlier>;
}

/** What earlier runs left. */
export interface Earlier {
  /** Packs to settle now, in the order they were sent. */
  answers: EarlierAnswer[];
  /** Items whose answer has not come yet: not sent again on this run. */
  awaited: SentItem[];
}

/** A pack of an earlier run whose answer is to be settled now. */
export interface EarlierAnswer {
  /** The versions the pack holds. */
  items: readonly SentItem[];
  /**
   * Sends as {@linkcode PohodaTransport.post} does, except that its first call gives this pack's
   * answer: as POHODA wrote it, or got now by starting Pohoda.exe on the pack again.
   */
  send: Send;
  /** Removes the pack's files, unless `send` handed its answer out (then settling removes them). */
  forget(): Promise<void>;
}

/** Where a transport keeps what it needs, and what it reports to. */
export interface TransportContext {
  /** Names this run to POHODA (`STW-Instance`) and the files it writes. */
  runId: string;
  log: { detail(message: string): void; info(message: string): void; warn(message: string): void };
  /** The data folder: the file exchange's default folders are inside it. */
  dataDir: string;
}

/** The transport `[pohoda] transport` names. */
export function openTransport(config: PohodaConfig, context: TransportContext): PohodaTransport {
  return config.transport === "xml-folder"
    ? new XmlFolder(config, context)
    : new MServer(config, context.runId, context.log);
}

/**
 * The list requests of `transport`, or, where it answers none, a send that refuses every list
 * with a {@linkcode ConfigError} saying that `purpose` needs mServer.
 */
export function listSend(transport: PohodaTransport, purpose: string): ListSend {
  return transport.list?.bind(transport) ?? (() => Promise.reject(listsNeedMServer(purpose)));
}

/** Why `purpose` cannot be done without mServer. */
export function listsNeedMServer(purpose: string): ConfigError {
  return new ConfigError(m.pohodaLink.listsNeedMServer(purpose), { hint: m.pohodaLink.listsNeedMServerHint });
}
