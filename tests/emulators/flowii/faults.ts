/**
 * Fault injection for the FLOWii emulator: a queue of faults per path, consumed one per request.
 *
 * Two families, because they strike at different points of a request:
 * - gateway faults (429, 503, maintenance page, JSON error) answer before authentication, as a
 *   proxy or throttle in front of the API would;
 * - payload faults (broken or hostile zips) replace the body of an export that passed
 *   authentication, so a request rejected with 401 does not use them up.
 *
 * @module
 */

import { type ZipEntry, zipFiles } from "./zip.ts";

/** A fault answered before authentication. */
export type GatewayFault =
  /** 429 with `Retry-After: <seconds>` (default 1; 0 allowed for fast tests). */
  | { kind: "rateLimit"; retryAfter?: number }
  /** 503 with an HTML body, with `Retry-After` only when given. */
  | { kind: "unavailable"; retryAfter?: number }
  /** 200 `text/html` maintenance page instead of the expected JSON or zip. */
  | { kind: "maintenancePage" }
  /** Any status with a JSON body `{"message": …}`. */
  | { kind: "jsonError"; status: number; message: string };

/** A fault that replaces the zip of an authenticated export. */
export type PayloadFault =
  /** The real zip cut in half: the central directory is missing. */
  | { kind: "truncatedZip" }
  /** The real zip with a byte of its first entry's compressed data flipped, as damage in transit leaves it. */
  | { kind: "corruptZip" }
  /** The export file stored as `../evil.xml`. */
  | { kind: "pathTraversalZip" }
  /** The real entries plus `entries` small extra XML files (default 500). */
  | { kind: "manyEntriesZip"; entries?: number }
  /** One entry of `megabytes` MB of zeros (default 50) under the real file name; ~50 kB packed. */
  | { kind: "zipBomb"; megabytes?: number }
  /** A sound zip whose export file stops in the middle (as a failed export job leaves it). */
  | { kind: "truncatedXml" }
  /** A sound zip of the entries `rewrite` makes of the real ones: renamed, added, hostile content … */
  | { kind: "rewrittenZip"; rewrite: (entries: readonly ZipEntry[]) => ZipEntry[] };

/** Anything `inject` accepts. */
export type Fault = GatewayFault | PayloadFault;

const PAYLOAD_KINDS = new Set<Fault["kind"]>([
  "truncatedZip",
  "corruptZip",
  "pathTraversalZip",
  "manyEntriesZip",
  "zipBomb",
  "truncatedXml",
  "rewrittenZip",
]);

function isPayload(fault: Fault): fault is PayloadFault {
  return PAYLOAD_KINDS.has(fault.kind);
}

/**
 * Pending faults per request path, first in first out: a fault waits for the ones queued before
 * it, so a gateway fault behind a payload fault strikes only after the payload fault was used.
 */
export class FaultQueue {
  readonly #queues = new Map<string, Fault[]>();

  /** Makes the next `times` requests of `path` fail with `fault` (after already queued ones). */
  inject(path: string, fault: Fault, times = 1): void {
    const queue = this.#queues.get(path) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.#queues.set(path, queue);
  }

  /** Drops every fault not used yet. */
  clear(): void {
    this.#queues.clear();
  }

  /** The next fault of `path` if it is a gateway fault, consuming it. */
  takeGateway(path: string): GatewayFault | undefined {
    const queue = this.#queues.get(path);
    return queue?.length && !isPayload(queue[0]) ? queue.shift() as GatewayFault : undefined;
  }

  /** The next fault of `path` if it is a payload fault, consuming it. */
  takePayload(path: string): PayloadFault | undefined {
    const queue = this.#queues.get(path);
    return queue?.length && isPayload(queue[0]) ? queue.shift() as PayloadFault : undefined;
  }
}

const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="sk"><head><meta charset="utf-8"><title>FLOWii – údržba</title></head>
<body><h1>Prebieha plánovaná údržba</h1><p>FLOWii bude čoskoro opäť dostupné. Ďakujeme za trpezlivosť.</p></body>
</html>
`;

/** The response a gateway fault produces. */
export function gatewayResponse(fault: GatewayFault): Response {
  switch (fault.kind) {
    case "rateLimit":
      return Response.json({ message: "Too many requests. Try again later." }, {
        status: 429,
        headers: { "Retry-After": String(fault.retryAfter ?? 1) },
      });
    case "unavailable":
      return new Response("<html><body><h1>503 Service Unavailable</h1></body></html>", {
        status: 503,
        headers: {
          "Content-Type": "text/html",
          ...(fault.retryAfter === undefined ? {} : { "Retry-After": String(fault.retryAfter) }),
        },
      });
    case "maintenancePage":
      return new Response(MAINTENANCE_PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    case "jsonError":
      return Response.json({ message: fault.message }, { status: fault.status });
  }
}

const FILLER = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\r\n<filler/>\r\n');

/** The zip a payload fault produces from the real export's `entries` (which may be empty). */
export async function faultyZip(
  fault: PayloadFault,
  entries: readonly ZipEntry[],
): Promise<Uint8Array<ArrayBuffer>> {
  switch (fault.kind) {
    case "truncatedZip": {
      const whole = await zipFiles(entries);
      return whole.slice(0, Math.floor(whole.length / 2));
    }
    case "corruptZip": {
      const zip = await zipFiles(
        entries.length > 0 ? entries : [{ name: "pohoda_export.xml", data: FILLER }],
      );
      // The first entry's data follows its 30-byte local header, file name and extra field.
      const view = new DataView(zip.buffer);
      const data = 30 + view.getUint16(26, true) + view.getUint16(28, true);
      zip[data + 2] ^= 0xff;
      return zip;
    }
    case "pathTraversalZip":
      return zipFiles([{ name: "../evil.xml", data: entries[0]?.data ?? FILLER }]);
    case "manyEntriesZip": {
      const extra = Array.from(
        { length: fault.entries ?? 500 },
        (_, i) => ({ name: `extra_${i}.xml`, data: FILLER }),
      );
      return zipFiles([...entries, ...extra]);
    }
    case "truncatedXml":
      return zipFiles(
        entries.map((entry) => ({ ...entry, data: entry.data.slice(0, Math.floor(entry.data.length / 2)) })),
      );
    case "rewrittenZip":
      return zipFiles(fault.rewrite(entries));
    case "zipBomb":
      return zipFiles([{
        name: entries[0]?.name ?? "pohoda_export.xml",
        data: new Uint8Array((fault.megabytes ?? 50) * 1024 * 1024),
      }]);
  }
}
