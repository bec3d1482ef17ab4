/**
 * Builds zip archives in memory with zip.js, for the export responses and their broken variants,
 * and lists them again for tests.
 *
 * @module
 */

import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from "@zip.js/zip.js";

// Web workers would outlive a request and trip Deno's test sanitizers; the archives are small.
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
