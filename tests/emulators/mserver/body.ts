/**
 * Request-body handling: undoing `Content-Encoding` and turning the XML bytes into text the way an
 * XML parser would (by the encoding named in the XML declaration).
 *
 * @module
 */

/** Thrown when a compressed request body cannot be decompressed. */
export class BodyEncodingError extends Error {}

/**
 * Returns the request body bytes with `Content-Encoding` (gzip or deflate) removed. mServer's manual
 * says compression works for requests too; "deflate" is accepted both zlib-wrapped (as HTTP defines it)
 * and raw, since clients disagree on which one they send.
 */
export async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const raw = await request.bytes();
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  switch (encoding) {
    case "identity":
    case "":
      return raw;
    case "gzip":
    case "x-gzip":
      return await decompress(raw, "gzip");
    case "deflate":
      return await decompress(raw, "deflate").catch(() => decompress(raw, "deflate-raw"));
    default:
      throw new BodyEncodingError(`Unsupported Content-Encoding: ${encoding}`);
  }
}

async function decompress(
  bytes: Uint8Array<ArrayBuffer>,
  format: CompressionFormat,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
    return await new Response(stream).bytes();
  } catch (error) {
    throw new BodyEncodingError(`Cannot decompress the request body (${format}): ${error}`);
  }
}

/**
 * The encoding declared in the XML prolog (`<?xml … encoding="…"?>`), or UTF-8 when there is none,
 * as the XML specification says. The prolog is ASCII, so sniffing it through latin1 is safe.
 */
export function declaredEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const match = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/
    .exec(head);
  return match?.[1] ?? "utf-8";
}

/** Decodes XML bytes by their declared encoding (falling back to UTF-8 for unknown labels). */
export function decodeXml(bytes: Uint8Array): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declaredEncoding(bytes));
  } catch {
    decoder = new TextDecoder();
  }
  return decoder.decode(bytes);
}
