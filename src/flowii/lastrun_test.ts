import { equal, match, rejects, throws } from "node:assert/strict";
import { join } from "node:path";
import type { ConfigError } from "../core/errors.ts";
import { parseLastrun, readLastrun } from "./lastrun.ts";

const now = new Date("2026-06-01T12:00:00Z");

Deno.test("lastrun.txt: the UNIX time, with white space, a byte order mark or in milliseconds", () => {
  equal(parseLastrun("1767225600", "lastrun.txt", now), 1767225600);
  equal(parseLastrun("\uFEFF 1767225600\r\n", "lastrun.txt", now), 1767225600);
  equal(parseLastrun("1767225600000\n", "lastrun.txt", now), 1767225600);
});

Deno.test("lastrun.txt that is not a UNIX time is refused, naming the file and what it holds", () => {
  throws(() => parseLastrun("2026-01-31", "C:\\FLOWii\\lastrun.txt", now), (e: ConfigError) => {
    equal(e.exitCode, 2);
    match(e.message, /^C:\\FLOWii\\lastrun\.txt does not hold a UNIX time .*: it holds "2026-01-31"\.$/);
    match(e.hint!, /reset --cursor --to/);
    return true;
  });
  throws(() => parseLastrun("", "lastrun.txt", now), /it holds ""/);
  throws(() => parseLastrun("99999999999", "lastrun.txt", now), /its time is .*, in the future/);
});

Deno.test("readLastrun reads UTF-16 as Windows tools write it, and names a missing file", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "lastrun.txt");
  await Deno.writeFile(
    file,
    new Uint8Array([0xff, 0xfe, ...[..."1767225600"].flatMap((c) => [c.charCodeAt(0), 0])]),
  );
  equal(await readLastrun(file, now), 1767225600);
  await rejects(readLastrun(join(dir, "missing.txt"), now), /Cannot read .*missing\.txt: it does not exist/);
});
