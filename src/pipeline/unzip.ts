/**
 * The unzip stage: the files inside a downloaded zip, refusing what a damaged or hostile archive
 * could do (entry names that climb out of the folder, too many entries, a size bomb).
 *
 * @module
 */

import { BlobReader, configure, type Entry, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";

// Decompression in the calling thread: workers would need extra permissions in the compiled program.
configure({ useWebWorkers: false });

/** Limits a zip must stay within. */
export interface UnzipLimits {
  maxEntries: number;
  /** Total decompressed size. */
  maxBytes: number;
}

/** A file taken out of the zip. */
export interface ZipFile {
  /** Its name, checked to be a plain relative path. */
  name: string;
  bytes: Uint8Array;
}

/** A zip that cannot be trusted or read; the message says why. */
export class ZipError extends Error {}

/** The files in `zip` (folders skipped). */
export async function unzip(zip: Uint8Array<ArrayBuffer>, limits: UnzipLimits): Promise<ZipFile[]> {
  // Strict name checks: zip.js refuses names that climb out (`..`), absolute paths and drive letters.
  const reader = new ZipReader(new BlobReader(new Blob([zip])), { filenameValidation: "strict" });
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (e) {
    const unsafe = (e as { filename?: string }).filename;
    if (unsafe !== undefined) {
      throw new ZipError(`it contains the entry name "${unsafe}", which points outside its folder`);
    }
    throw new ZipError(`not a readable zip (${(e as Error).message})`);
  }
  try {
    if (entries.length > limits.maxEntries) {
      throw new ZipError(`it holds ${entries.length} entries, more than the limit of ${limits.maxEntries}`);
    }
    const files: ZipFile[] = [];
    let total = 0;
    for (const entry of entries) {
      if (entry.directory) continue;
      // The declared sizes are checked against the limit before anything is inflated; zip.js stops
      // inflating as soon as an entry grows past its declared size, so a lying header cannot bomb.
      if (total + entry.uncompressedSize > limits.maxBytes) throw tooBig(limits);
      const bytes = await entry.getData!(new Uint8ArrayWriter()).catch((e: Error) => {
        const lie = e.message === "Invalid uncompressed size"
          ? "it inflates to more than its header declares"
          : e.message;
        throw new ZipError(`${entry.filename} cannot be unpacked: ${lie}`);
      });
      total += bytes.length;
      files.push({ name: entry.filename, bytes });
    }
    return files;
  } finally {
    await reader.close();
  }
}

function tooBig(limits: UnzipLimits): ZipError {
  return new ZipError(
    `it unpacks to more than ${Math.round(limits.maxBytes / 2 ** 20)} MiB (max_unzipped_mb)`,
  );
}
