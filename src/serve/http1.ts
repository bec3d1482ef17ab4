/**
 * HTTP/1.1 requests as bytes: the head (request line and header fields, RFC 9112 §3 and §5) and a
 * chunked body (§7.1), parsed strictly and within fixed sizes. Pure: the socket side is wire.ts.
 *
 * @module
 */

/** The request line and header fields. */
export interface RequestHead {
  method: string;
  /** The request target as sent, e.g. `/kros/notify` or `/healthz?x=1`. */
  target: string;
  headers: Headers;
}

/** How the body is delimited. */
export type BodyFraming = { kind: "length"; length: number } | { kind: "chunked" };

/** Why a request cannot be read; `status` is the answer it gets. */
export class BadRequest extends Error {
  readonly status: 400 | 413 | 431 | 501;

  constructor(status: 400 | 413 | 431 | 501, message: string) {
    super(message);
    this.status = status;
  }
}

/** More header fields than any honest client sends. */
const MAX_FIELDS = 100;
/** A chunk-size line (the size in hex and any extension). */
const MAX_CHUNK_LINE = 256;

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/1\.[01]$/;
const FIELD = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const latin1 = new TextDecoder("latin1");

/** Where the head in `bytes[0, end)` ends (the index after its blank line), or -1 if it does not yet. */
export function headEnd(bytes: Uint8Array, end: number, from = 0): number {
  for (let i = Math.max(3, from); i < end; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) return i + 1;
  }
  return -1;
}

/** The head in `bytes` (up to and including its blank line). */
export function parseHead(bytes: Uint8Array): RequestHead {
  const lines = latin1.decode(bytes).split("\r\n").slice(0, -2);
  const requestLine = REQUEST_LINE.exec(lines[0] ?? "");
  if (!requestLine) throw new BadRequest(400, "not an HTTP/1.1 request line");
  if (lines.length - 1 > MAX_FIELDS) throw new BadRequest(431, "too many header fields");
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    // A field without a name, with whitespace before the colon, or folded onto several lines (obs-fold).
    const field = FIELD.exec(line);
    if (!field) throw new BadRequest(400, "malformed header field");
    try {
      headers.append(field[1], field[2]);
    } catch {
      throw new BadRequest(400, "malformed header field");
    }
  }
  return { method: requestLine[1], target: requestLine[2], headers };
}

/** How the body of `head` is delimited; a `Content-Length` over `maxBody` is refused at once. */
export function bodyFraming(head: RequestHead, maxBody: number): BodyFraming {
  const encoding = head.headers.get("transfer-encoding");
  const length = head.headers.get("content-length");
  if (encoding !== null) {
    // Both at once is how requests are smuggled past proxies; no honest client sends it.
    if (length !== null) throw new BadRequest(400, "both Transfer-Encoding and Content-Length");
    if (encoding.toLowerCase() !== "chunked") throw new BadRequest(501, `Transfer-Encoding ${encoding}`);
    return { kind: "chunked" };
  }
  if (length === null) return { kind: "length", length: 0 };
  if (!/^\d{1,15}$/.test(length)) throw new BadRequest(400, "malformed Content-Length");
  if (Number(length) > maxBody) throw new BadRequest(413, "body over the limit");
  return { kind: "length", length: Number(length) };
}

/**
 * Decodes a chunked body as its bytes arrive, into one buffer of fixed size: chunk sizes,
 * extensions and trailers are read and dropped, and nothing is kept per chunk.
 */
export class ChunkedBody {
  readonly #out: Uint8Array<ArrayBuffer>;
  #length = 0;
  #state: "size" | "data" | "data-end" | "trailer" | "done" = "size";
  #line = "";
  #remaining = 0;
  #trailerBytes = 0;
  readonly #maxTrailer: number;

  /** Decodes into `out`, whose size is the body limit; trailers may take `maxTrailer` bytes. */
  constructor(out: Uint8Array<ArrayBuffer>, maxTrailer: number) {
    this.#out = out;
    this.#maxTrailer = maxTrailer;
  }

  /** Whether the last chunk and the trailers have arrived. */
  get done(): boolean {
    return this.#state === "done";
  }

  /** The body decoded so far. */
  get body(): Uint8Array<ArrayBuffer> {
    return this.#out.subarray(0, this.#length);
  }

  /** Takes the next bytes of the message; returns how many belonged to it (the rest follows it). */
  feed(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length && this.#state !== "done") {
      if (this.#state === "data") {
        const take = Math.min(this.#remaining, bytes.length - i);
        this.#out.set(bytes.subarray(i, i + take), this.#length);
        this.#length += take;
        this.#remaining -= take;
        i += take;
        if (this.#remaining === 0) this.#state = "data-end";
        continue;
      }
      const byte = bytes[i++];
      if (this.#state === "trailer" && ++this.#trailerBytes > this.#maxTrailer) {
        throw new BadRequest(431, "trailer fields too large");
      }
      if (byte !== 10) {
        if (this.#line.length >= MAX_CHUNK_LINE) throw new BadRequest(400, "malformed chunk");
        this.#line += String.fromCharCode(byte);
        continue;
      }
      if (!this.#line.endsWith("\r")) throw new BadRequest(400, "malformed chunk");
      const line = this.#line.slice(0, -1);
      this.#line = "";
      this.#endOfLine(line);
    }
    return i;
  }

  #endOfLine(line: string): void {
    if (this.#state === "data-end") {
      if (line !== "") throw new BadRequest(400, "malformed chunk");
      this.#state = "size";
    } else if (this.#state === "trailer") {
      if (line === "") this.#state = "done";
    } else {
      const size = /^([0-9A-Fa-f]{1,8})(?:[ \t]*;.*)?$/.exec(line);
      if (!size) throw new BadRequest(400, "malformed chunk size");
      this.#remaining = parseInt(size[1], 16);
      if (this.#remaining > this.#out.length - this.#length) throw new BadRequest(413, "body over the limit");
      this.#state = this.#remaining === 0 ? "trailer" : "data";
    }
  }
}
