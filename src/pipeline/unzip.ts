/**
 * The unzip stage: the files inside a downloaded zip, streamed one after the other from the zip on
 * disk (an export of hundreds of MB takes a few MB of memory), refusing what a damaged or hostile
 * archive could do (entry names that climb out of the folder, too many entries, a size bomb, two
 * files under one name).
 *
 * @module
 */

import { configure, type FileEntry, Reader, ZipReader } from "@zip.js/zip.js";
import { m } from "../i18n/mod.ts";

// Decompression in the calling thread: workers would need extra permissions in the compiled program.
// zip.js inflates with the runtime's native DecompressionStream (its default, useCompressionStream),
// which turns each compressed chunk into one output chunk: 256 KiB (the default) of XML inflates to
// several MB at once. Small chunks keep that burst, and the garbage awaiting the GC, small.
configure({ useWebWorkers: false, chunkSize: 16 * 1024 });

/** Limits a zip must stay within. */
export interface UnzipLimits {
  maxEntries: number;
  /** Total decompressed size. */
  maxBytes: number;
}

/** A file in the zip, to be read from `stream` to its end before the next file is asked for. */
export interface ZipFileStream {
  /** Its name, checked to be a plain relative path, unique in the zip. */
  name: string;
  /** Its size as the zip declares it; the stream fails rather than deliver more. */
  size: number;
  /** Its content, inflated as it is read; a broken entry errors it with a {@linkcode ZipError}. */
  stream: ReadableStream<Uint8Array>;
}

/** A zip that cannot be trusted or read; the message says why. */
export class ZipError extends Error {}

/**
 * The files in the zip file at `path` (folders skipped), one at a time. Every limit is checked on
 * the zip's directory before anything is inflated, and the sizes again while inflating, so a header
 * that lies about them cannot bomb. Read each file's stream to its end before asking for the next
 * (a file whose stream was not read at all is skipped). Throws {@linkcode ZipError}, from the
 * generator or from a file's stream, for a zip that cannot be used.
 */
export async function* zipEntries(path: string, limits: UnzipLimits): AsyncGenerator<ZipFileStream> {
  using file = await Deno.open(path, { read: true });
  const reader = new ZipReader(new FileReader(file), {
    // Strict name checks: zip.js refuses names that climb out (`..`), absolute paths and drive letters.
    filenameValidation: "strict",
    // A file damaged in transit inflates to other bytes than were zipped; only the checksum shows it.
    checkCrc32: true,
  });
  let inflated = 0;
  for (const entry of await directory(reader, limits)) {
    const data = entryStream(entry, (bytes) => {
      inflated += bytes;
      if (inflated > limits.maxBytes) throw tooBig(limits);
    });
    try {
      yield { name: entry.filename, size: entry.uncompressedSize, stream: data.stream };
    } finally {
      // Also when the consumer leaves the loop: zip.js must not be left waiting for a reader.
      await data.finish();
    }
  }
}

/** The files the zip's directory lists, once it is known they stay within the limits. */
async function directory(reader: ZipReader<unknown>, limits: UnzipLimits): Promise<FileEntry[]> {
  let count = 0;
  const files: FileEntry[] = [];
  try {
    for await (const entry of reader.getEntriesGenerator()) {
      // Counted but not kept past the limit: a hostile directory of a million entries must not fill memory.
      if (++count > limits.maxEntries || entry.directory) continue;
      files.push(entry);
    }
  } catch (e) {
    const unsafe = (e as { filename?: string }).filename;
    if (unsafe !== undefined) {
      throw new ZipError(m.zip.outside(unsafe));
    }
    throw new ZipError(m.zip.unreadable((e as Error).message));
  }
  if (count > limits.maxEntries) {
    throw new ZipError(m.zip.tooManyEntries(count, limits.maxEntries));
  }
  const names = new Set<string>();
  for (const { filename } of files) {
    if (names.has(filename)) throw new ZipError(m.zip.twoNamed(filename));
    names.add(filename);
  }
  // The declared sizes are checked before anything is inflated. While inflating, zip.js holds each file
  // to its declared size, and `zipEntries` counts the total again.
  if (files.reduce((total, entry) => total + entry.uncompressedSize, 0) > limits.maxBytes) {
    throw tooBig(limits);
  }
  return files;
}

/**
 * The content of `entry` as a stream, `count` told of every chunk (it throws to stop a bomb).
 * `finish` waits until zip.js is done with the entry, skipping what was not read, and throws the
 * entry's error if it had one.
 */
function entryStream(
  entry: FileEntry,
  count: (bytes: number) => void,
): { stream: ReadableStream<Uint8Array>; finish: () => Promise<void> } {
  let controller!: TransformStreamDefaultController<Uint8Array>;
  let skipped = false;
  let failure: ZipError | undefined;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
    start: (c) => void (controller = c),
    transform: (chunk, c) => {
      count(chunk.length);
      c.enqueue(chunk);
    },
    cancel: () => void (skipped = true), // the consumer wants no more of it
  });
  // With preventClose, zip.js neither closes nor aborts the stream: it is closed here once the entry
  // checked out to its end, or errored with a message that names the entry.
  const inflating = entry.getData(writable, { preventClose: true })
    .then(() => writable.close())
    .catch((e: Error) => {
      if (skipped) return;
      failure = e instanceof ZipError ? e : new ZipError(m.zip.cannotUnpack(entry.filename, reason(e)));
      controller.error(failure);
    });
  return {
    stream: readable,
    finish: async () => {
      // Nothing to stop after a stream read to its end; otherwise erroring it also frees zip.js
      // from waiting for a reader that will not come.
      skipped = true;
      controller.error(new ZipError(m.zip.notReadToEnd(entry.filename)));
      await inflating;
      if (failure) throw failure;
    },
  };
}

function reason(error: Error): string {
  switch (error.message) {
    case "Invalid uncompressed size":
      return m.zip.wrongSize;
    case "Invalid CRC32":
      return m.zip.checksum;
    default:
      return error.message;
  }
}

function tooBig(limits: UnzipLimits): ZipError {
  return new ZipError(m.zip.tooBig(Math.round(limits.maxBytes / 2 ** 20)));
}

/**
 * zip.js reads from an open file with seek and read, so the zip is never loaded whole. Reads are
 * queued: zip.js may ask for two ranges at once, and a seek must not move under a pending read.
 */
class FileReader extends Reader<Deno.FsFile> {
  readonly #file: Deno.FsFile;
  #queue: Promise<unknown> = Promise.resolve();
  /** Where the file stands: zip.js mostly reads on from the last read, which needs no seek. */
  #position = -1;

  constructor(file: Deno.FsFile) {
    super(file);
    this.#file = file;
  }

  override async init(): Promise<void> {
    await super.init?.();
    this.size = (await this.#file.stat()).size;
  }

  override readUint8Array(offset: number, length: number): Promise<Uint8Array> {
    const read = this.#queue.then(async () => {
      if (offset !== this.#position) await this.#file.seek(offset, Deno.SeekMode.Start);
      this.#position = -1; // unknown should a read fail
      const data = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const count = await this.#file.read(data.subarray(filled));
        if (count === null) break; // zip.js expects a short read at the end
        filled += count;
      }
      this.#position = offset + filled;
      return filled < length ? data.subarray(0, filled) : data;
    });
    this.#queue = read.catch(() => {});
    return read;
  }
}
