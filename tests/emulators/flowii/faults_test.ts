import { equal, notDeepEqual, rejects } from "node:assert/strict";
import { type FileEntry, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";
import { FaultQueue, faultyZip } from "./faults.ts";
import { zipFiles } from "./zip.ts";

const ENTRIES = [{ name: "pohoda_export.xml", data: new TextEncoder().encode("<dataPack>".repeat(200)) }];

Deno.test("corruptZip: the archive opens, but its entry fails the checksum, as damage in transit leaves it", async () => {
  const corrupt = await faultyZip({ kind: "corruptZip" }, ENTRIES);
  const whole = await zipFiles(ENTRIES);
  equal(corrupt.length, whole.length);
  notDeepEqual(corrupt, whole);
  const reader = new ZipReader(new Uint8ArrayReader(corrupt));
  const [entry] = await reader.getEntries() as FileEntry[];
  equal(entry.filename, "pohoda_export.xml");
  await rejects(entry.getData(new Uint8ArrayWriter(), { checkSignature: true }));
  await reader.close();
});

Deno.test("clear drops the faults not used yet", () => {
  const queue = new FaultQueue();
  queue.inject("/documents/pohoda-export", { kind: "truncatedZip" });
  queue.inject("/partners/pohoda-export", { kind: "rateLimit" }, 2);
  queue.clear();
  equal(queue.takePayload("/documents/pohoda-export"), undefined);
  equal(queue.takeGateway("/partners/pohoda-export"), undefined);
});
