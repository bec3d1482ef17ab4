import { deepEqual, equal, rejects } from "node:assert/strict";
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";
import { unzip, ZipError } from "./unzip.ts";

const limits = { maxEntries: 10, maxBytes: 1024 * 1024 };

async function zipOf(files: Record<string, string | Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, content] of Object.entries(files)) {
    await writer.add(
      name,
      typeof content === "string" ? new TextReader(content) : new Uint8ArrayReader(content),
    );
  }
  return await writer.close() as Uint8Array<ArrayBuffer>;
}

Deno.test("the files of a zip come out with their names and bytes", async () => {
  const files = await unzip(
    await zipOf({ "pohoda_document_export_3.11.2026.xml": "<a>ž</a>", "dir/b.xml": "<b/>" }),
    limits,
  );
  deepEqual(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)]), [
    ["pohoda_document_export_3.11.2026.xml", "<a>ž</a>"],
    ["dir/b.xml", "<b/>"],
  ]);
});

Deno.test("an empty zip has no files", async () => {
  deepEqual(await unzip(await zipOf({}), limits), []);
});

Deno.test("entry names that leave the folder are refused", async () => {
  for (
    const name of ["../evil.xml", "a/../../evil.xml", "/etc/passwd", "C:\\Windows\\evil.xml", "..\\evil.xml"]
  ) {
    await rejects(
      unzip(await zipOf({ [name]: "x" }), limits),
      (e: Error) => e instanceof ZipError && /outside its folder/.test(e.message),
      name,
    );
  }
});

Deno.test("too many entries are refused", async () => {
  const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.xml`, "<a/>"]));
  await rejects(unzip(await zipOf(files), limits), /11 entries, more than the limit of 10/);
});

Deno.test("a zip that unpacks beyond the size limit is refused, even when its header lies", async () => {
  const bomb = await zipOf({ "bomb.xml": new Uint8Array(3 * 1024 * 1024) });
  await rejects(unzip(bomb, limits), /unpacks to more than 1 MiB/);
  // Rewrite the declared sizes in both headers to 1 byte: only checking while inflating catches it.
  const lying = bomb.slice();
  const view = new DataView(lying.buffer);
  for (let i = 0; i < lying.length - 4; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, 1, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, 1, true);
  }
  await rejects(
    unzip(lying, limits),
    /bomb\.xml cannot be unpacked: it inflates to more than its header declares/,
  );
});

Deno.test("a truncated or non-zip download is a ZipError, not a crash", async () => {
  const zip = await zipOf({ "a.xml": "<a>" + "x".repeat(5000) + "</a>" });
  await rejects(unzip(zip.slice(0, zip.length / 2), limits), ZipError);
  await rejects(unzip(new TextEncoder().encode("<html>maintenance</html>"), limits), /not a readable zip/);
  equal((await unzip(zip, limits)).length, 1);
});
