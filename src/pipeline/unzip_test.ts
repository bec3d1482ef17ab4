import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  TextReader,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipWriter,
  type ZipWriterAddDataOptions,
} from "@zip.js/zip.js";
import { setLanguage } from "../i18n/mod.ts";
import { type UnzipLimits, zipEntries, ZipError } from "./unzip.ts";

const limits = { maxEntries: 10, maxBytes: 1024 * 1024 };

async function zipOf(
  files: Record<string, string | Uint8Array>,
  options?: ZipWriterAddDataOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, content] of Object.entries(files)) {
    await writer.add(
      name,
      typeof content === "string" ? new TextReader(content) : new Uint8ArrayReader(content),
      options,
    );
  }
  return await writer.close() as Uint8Array<ArrayBuffer>;
}

/** Runs `body` on the zip saved as a temporary file. */
async function withZipFile<T>(zip: Uint8Array, body: (path: string) => Promise<T>): Promise<T> {
  const path = await Deno.makeTempFile({ prefix: "spojka-unzip-", suffix: ".zip" });
  try {
    await Deno.writeFile(path, zip);
    return await body(path);
  } finally {
    await Deno.remove(path);
  }
}

/** Every file of the zip, read whole (fine for small test zips). */
function unzipAll(zip: Uint8Array, zipLimits: UnzipLimits = limits) {
  return withZipFile(zip, async (path) => {
    const files: { name: string; size: number; bytes: Uint8Array }[] = [];
    for await (const { name, size, stream } of zipEntries(path, zipLimits)) {
      files.push({ name, size, bytes: await new Response(stream).bytes() });
    }
    return files;
  });
}

/** Replaces every occurrence of `from` in `bytes` by `to` (of the same length). */
function patch(bytes: Uint8Array<ArrayBuffer>, from: string, to: string): Uint8Array<ArrayBuffer> {
  const [a, b] = [new TextEncoder().encode(from), new TextEncoder().encode(to)];
  const patched = bytes.slice();
  for (let i = 0; i <= patched.length - a.length; i++) {
    if (a.every((byte, j) => patched[i + j] === byte)) patched.set(b, i);
  }
  return patched;
}

Deno.test("the files of a zip come out with their names, sizes and exact bytes", async () => {
  const binary = crypto.getRandomValues(new Uint8Array(60_000)); // incompressible: stored as is
  const files = await unzipAll(
    await zipOf({ "pohoda_document_export_3.11.2026.xml": "<a>ž</a>", "dir/b.xml": "<b/>", "c.bin": binary }),
  );
  deepEqual(files.map((f) => [f.name, f.size]), [
    ["pohoda_document_export_3.11.2026.xml", 9],
    ["dir/b.xml", 4],
    ["c.bin", 60_000],
  ]);
  equal(new TextDecoder().decode(files[0].bytes), "<a>ž</a>");
  deepEqual(files[2].bytes, binary);
  // Stored (not deflated) entries too.
  deepEqual((await unzipAll(await zipOf({ "c.bin": binary }, { level: 0 })))[0].bytes, binary);
});

Deno.test("an empty zip has no files", async () => {
  deepEqual(await unzipAll(await zipOf({})), []);
});

Deno.test("entry names that leave the folder are refused", async () => {
  for (
    const name of ["../evil.xml", "a/../../evil.xml", "/etc/passwd", "C:\\Windows\\evil.xml", "..\\evil.xml"]
  ) {
    await rejects(
      unzipAll(await zipOf({ [name]: "x" })),
      (e: Error) => e instanceof ZipError && /outside its folder/.test(e.message),
      name,
    );
  }
});

Deno.test("too many entries are refused", async () => {
  const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.xml`, "<a/>"]));
  await rejects(unzipAll(await zipOf(files)), /11 entries, more than the limit of 10/);
});

Deno.test("two files under one name are refused", async () => {
  // zip.js will not write a duplicate; the second name is rewritten in both of its headers.
  const zip = patch(await zipOf({ "a.xml": "<a/>", "b.xml": "<b/>" }), "b.xml", "a.xml");
  await rejects(
    unzipAll(zip),
    (e: Error) => e instanceof ZipError && e.message === 'it holds two files named "a.xml"',
  );
});

Deno.test("a zip that unpacks beyond the size limit is refused before anything is inflated", async () => {
  const zip = await zipOf({ "small.xml": "<a/>", "bomb.xml": new Uint8Array(3 * 1024 * 1024) });
  await withZipFile(zip, async (path) => {
    // Not even the small first file comes out.
    await rejects(zipEntries(path, limits).next(), /unpacks to more than 1 MiB \(max_unzipped_mb\)/);
  });
});

Deno.test("a header that lies about the size cannot bomb: inflating stops at the declared size", async () => {
  const bomb = await zipOf({ "bomb.xml": new Uint8Array(3 * 1024 * 1024) });
  // Rewrite the declared sizes in both headers to 1 byte: only checking while inflating catches it.
  const lying = bomb.slice();
  const view = new DataView(lying.buffer);
  for (let i = 0; i < lying.length - 4; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, 1, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, 1, true);
  }
  await rejects(
    unzipAll(lying),
    (e: Error) =>
      e instanceof ZipError &&
      e.message === "bomb.xml cannot be unpacked: it does not inflate to the size its header declares",
  );
});

Deno.test("an entry damaged in transit is named, in the stream its reader reads", async () => {
  const zip = await zipOf({ "a.xml": "<a>" + "x".repeat(5000) + "</a>", "b.xml": "<b>intact</b>" }, {
    level: 0,
  });
  const damaged = patch(zip, "xxxxx", "xxyxx"); // stored bytes: still inflates, only the checksum tells
  await withZipFile(damaged, async (path) => {
    const entries = zipEntries(path, limits);
    const first = await entries.next();
    ok(!first.done);
    await rejects(
      new Response(first.value.stream).bytes(),
      (e: Error) =>
        e instanceof ZipError &&
        e.message ===
          "a.xml cannot be unpacked: its content does not match its checksum (the zip is damaged)",
    );
    // A consumer that ignored the stream's error still cannot go on.
    await rejects(entries.next(), /a\.xml cannot be unpacked/);
  });
});

Deno.test("a truncated or non-zip download is a ZipError, not a crash", async () => {
  const zip = await zipOf({ "a.xml": "<a>" + "x".repeat(5000) + "</a>" });
  const unreadable = (e: Error) => e instanceof ZipError && e.message.startsWith("not a readable zip (");
  await rejects(unzipAll(zip.slice(0, zip.length / 2)), unreadable);
  await rejects(unzipAll(new TextEncoder().encode("<html>maintenance</html>")), unreadable);
  await rejects(unzipAll(new Uint8Array()), unreadable);
  equal((await unzipAll(zip)).length, 1);
});

Deno.test("a file whose stream is not read is skipped; leaving the loop early closes the zip", async () => {
  const zip = await zipOf({ "skip.xml": "x".repeat(2_000_000), "read.xml": "<r/>", "never.xml": "<n/>" });
  await withZipFile(zip, async (path) => {
    const read: string[] = [];
    for await (const { name, stream } of zipEntries(path, { maxEntries: 10, maxBytes: 10_000_000 })) {
      if (name === "skip.xml") continue;
      read.push(new TextDecoder().decode(await new Response(stream).bytes()));
      break; // the test's resource sanitizer fails if the zip file were left open
    }
    deepEqual(read, ["<r/>"]);
    // A stream left half read is stopped as well.
    for await (const { stream } of zipEntries(path, { maxEntries: 10, maxBytes: 10_000_000 })) {
      await stream.getReader().read();
      break;
    }
  });
});

/**
 * Streams the zip at `path` in a fresh process that collects garbage after every MB. V8 collects
 * lazily: even a plain 50 MB file stream leaves RSS some 25 MB higher until it does, and when is up
 * to the heuristics. Collecting as it goes, the child measures what the stream holds.
 */
async function streamInChild(path: string, zipLimits: UnzipLimits) {
  const code = `
    import { createHash } from "node:crypto";
    import { zipEntries } from ${JSON.stringify(import.meta.resolve("./unzip.ts"))};
    const gc = globalThis.gc;
    gc();
    const before = Deno.memoryUsage().rss;
    const sha256 = createHash("sha256");
    const result = { entries: [], chunks: 0, bytes: 0, growth: 0 };
    for await (const entry of zipEntries(${JSON.stringify(path)}, ${JSON.stringify(zipLimits)})) {
      result.entries.push([entry.name, entry.size]);
      for await (const chunk of entry.stream) {
        sha256.update(chunk);
        result.bytes += chunk.length;
        if (++result.chunks % 64 === 0) {
          gc();
          result.growth = Math.max(result.growth, Deno.memoryUsage().rss - before);
        }
      }
    }
    console.log(JSON.stringify({ ...result, sha256: sha256.digest("hex") }));
  `;
  const config = fileURLToPath(import.meta.resolve("../../deno.json"));
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", "--config", config, code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout)) as {
    entries: [string, number][];
    chunks: number;
    bytes: number;
    growth: number;
    sha256: string;
  };
}

Deno.test("a 50 MB entry streams through in chunks, in a few MB of memory, byte for byte", async () => {
  const size = 50 * 2 ** 20;
  // Repetitive text like an export's (it packs 30:1), generated on the fly: the test holds none of it whole.
  const line = (i: number) => `<dat:dataPackItem id="${i}"><inv:text>Žltý kôň úpel ďábelské ódy</inv:text>\n`;
  const written = createHash("sha256");
  let produced = 0;
  let i = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced === size) return controller.close();
      let text = "";
      while (text.length < 64 * 1024) text += line(i++);
      const chunk = new TextEncoder().encode(text).subarray(0, size - produced);
      produced += chunk.length;
      written.update(chunk);
      controller.enqueue(chunk);
    },
  });
  const dir = await Deno.makeTempDir({ prefix: "spojka-unzip-" });
  const path = `${dir}/documents.zip`;
  try {
    const zip = new ZipWriter((await Deno.create(path)).writable);
    await zip.add("pohoda_document_export.xml", source);
    await zip.close();
    ok((await Deno.stat(path)).size < size / 10, "the test entry is compressed");

    const streamed = await streamInChild(path, { maxEntries: 1, maxBytes: size });
    deepEqual(streamed.entries, [["pohoda_document_export.xml", size]]);
    equal(streamed.bytes, size);
    equal(streamed.sha256, written.digest("hex"), "the bytes round-trip exactly");
    ok(streamed.chunks > 100, `streamed in ${streamed.chunks} chunks`);
    // A memory bound, not a timing: holding the entry would grow the process by 50 MB or more.
    ok(streamed.growth < 30 * 2 ** 20, `RSS grew by ${(streamed.growth / 2 ** 20).toFixed(1)} MB`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("in Czech, a refused zip says why in Czech", async () => {
  const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.xml`, "<a/>"]));
  const zip = await zipOf(files);
  setLanguage("cs");
  try {
    await rejects(
      unzipAll(zip),
      (e: Error) => e instanceof ZipError && e.message === "obsahuje 11 položek, víc než limit 10",
    );
  } finally {
    setLanguage("en");
  }
});
