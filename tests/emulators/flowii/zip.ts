/**
 * Builds zip archives with zip.js, for the export responses and their broken variants (in memory) and
 * for cached large exports (file to file), and lists them again for tests.
 *
 * @module
 */

import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from "@zip.js/zip.js";

// Web workers would outlive a request and trip Deno's test sanitizers.
configure({ useWebWorkers: false });

/** A file to put into an archive. */
export interface ZipEntry {
  /** Stored verbatim, so hostile names such as "../evil.xml" are possible on purpose. */
  name: string;
  data: Uint8Array;
}

/** A deflate-compressed zip of `entries`; no entries give a valid empty archive (22 bytes). */
export async function zipFiles(entries: readonly ZipEntry[]): Promise<Uint8Array<ArrayBuffer>> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const entry of entries) await writer.add(entry.name, new Uint8ArrayReader(entry.data));
  // Copied so the type says ArrayBuffer, which `Response` bodies require.
  return new Uint8Array(await writer.close());
}

/** An entry of a listed archive; `read` inflates it, so check `size` first on hostile input. */
export interface ListedEntry {
  name: string;
  /** Uncompressed size as the archive declares it. */
  size: number;
  read(): Promise<Uint8Array>;
}

/**
 * The file entries of `zip`. zip.js refuses names such as "../evil.xml" unless `tolerant`, which
 * tests use to inspect the hostile archives the emulator serves.
 */
export async function listZip(zip: Uint8Array, tolerant = false): Promise<ListedEntry[]> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), {
    filenameValidation: tolerant ? "tolerant" : "strict",
  });
  const entries = await reader.getEntries();
  return entries.flatMap((entry) =>
    entry.directory ? [] : [{
      name: entry.filename,
      size: entry.uncompressedSize,
      read: () => entry.getData(new Uint8ArrayWriter()),
    }]
  );
}

/**
 * Deflates the file at `source` into a zip at `target` holding it as `name`, streaming both, so an
 * export of hundreds of megabytes is never in memory. The size is given up front, which keeps the
 * entry out of Zip64 (as a zip made from bytes in memory).
 */
export async function zipFileTo(source: string, name: string, target: string): Promise<void> {
  const { size } = await Deno.stat(source);
  // Both files are closed by their streams: `input` when read to the end, `output` by `writer.close`.
  const input = await Deno.open(source);
  const output = await Deno.open(target, { write: true, create: true, truncate: true });
  const writer = new ZipWriter(output.writable);
  await writer.add(name, input.readable, { uncompressedSize: size });
  await writer.close();
}
