import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { testConfig } from "../config/_testing.ts";
import type { PohodaConfig } from "./config.ts";
import { NS } from "./namespaces.ts";
import { XmlFolder } from "./xml_folder.ts";

const log = {
  lines: [] as string[],
  detail() {},
  info(line: string) {
    this.lines.push(line);
  },
  warn() {},
};
const pack = new TextEncoder().encode("<dat:dataPack/>");
const item = { key: "issuedInvoice/FV1", version: "v1", rank: 5 };
const answer = new TextEncoder().encode(
  `<?xml version="1.0"?><rsp:responsePack xmlns:rsp="${NS.rsp}" version="2.0" id="p" state="ok"/>`,
);

/** A run of the file exchange over one data folder. */
interface Run {
  folder: XmlFolder;
  /** Sends a pack without Pohoda.exe and notes it as awaited; returns its name. */
  handOver(): Promise<string>;
}

async function withFolder(
  settings: Partial<PohodaConfig>,
  test: (run: () => Run, dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "spojka-xml-folder-" });
  try {
    const config = { ...testConfig().pohoda!, transport: "xml-folder" as const, ...settings };
    let runs = 0;
    const run = (): Run => {
      const runId = `2026-01-02-03-04-${String(++runs).padStart(2, "0")}-abcd`;
      const folder = new XmlFolder(config, { runId, log, dataDir: dir });
      return {
        folder,
        handOver: async () => {
          const placeholder = await folder.post(pack, true);
          ok(folder.isAwaited(placeholder));
          await folder.await(placeholder, [item]);
          return `${runId}-0001`;
        },
      };
    };
    await run().folder.check();
    await test(run, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("without Pohoda.exe a pack waits for its answer, and a later run settles it from the file POHODA wrote", async () => {
  await withFolder({}, async (run, dir) => {
    const name = await run().handOver();
    const packFile = join(dir, "pohoda-xml", "in", "documents", `${name}.xml`);
    deepEqual(await Deno.readFile(packFile), pack);

    const waiting = await run().folder.earlier();
    deepEqual(waiting, { answers: [], awaited: [item] });

    await Deno.writeFile(join(dir, "pohoda-xml", "out", "documents", `${name}.xml`), answer);
    const { folder } = run();
    const { answers, awaited } = await folder.earlier();
    deepEqual(awaited, []);
    equal(answers.length, 1);
    deepEqual(answers[0].items, [item]);
    const got = await answers[0].send(pack, true);
    deepEqual(got, answer);
    await folder.settled(got);
    deepEqual(await run().folder.earlier(), { answers: [], awaited: [] });
    await rejects(Deno.stat(packFile), Deno.errors.NotFound);
  });
});

Deno.test("an answer POHODA is still writing is not read yet", async () => {
  await withFolder({}, async (run, dir) => {
    const name = await run().handOver();
    await Deno.writeFile(join(dir, "pohoda-xml", "out", "documents", `${name}.xml`), answer.slice(0, 40));
    deepEqual(await run().folder.earlier(), { answers: [], awaited: [item] });
  });
});

Deno.test("a pack not answered within resend_after_minutes goes again, and so does one whose file is gone", async () => {
  await withFolder({ resend_after_minutes: 60 }, async (run, dir) => {
    const name = await run().handOver();
    const note = join(dir, "pohoda-xml", "sent", `${name}.json`);
    const noted = JSON.parse(await Deno.readTextFile(note));
    await Deno.writeTextFile(
      note,
      JSON.stringify({ ...noted, sentAt: new Date(Date.now() - 61 * 60_000).toISOString() }),
    );
    deepEqual(await run().folder.earlier(), { answers: [], awaited: [] });
    match(log.lines.at(-1)!, /has not answered .* in 60 minutes; its 1 item is sent again/);
    await rejects(Deno.stat(join(dir, "pohoda-xml", "in", "documents", `${name}.xml`)), Deno.errors.NotFound);

    const again = await run().handOver();
    await Deno.remove(join(dir, "pohoda-xml", "in", "documents", `${again}.xml`));
    deepEqual(await run().folder.earlier(), { answers: [], awaited: [] });
    match(log.lines.at(-1)!, /is gone without an answer; its 1 item is sent again/);
  });
});

Deno.test("a pack a crashed run wrote but never noted is removed: its items are still pending and go again", async () => {
  await withFolder({}, async (run, dir) => {
    await run().folder.post(pack, false);
    const partners = join(dir, "pohoda-xml", "in", "partners");
    equal([...Deno.readDirSync(partners)].length, 1);
    deepEqual(await run().folder.earlier(), { answers: [], awaited: [] });
    equal([...Deno.readDirSync(partners)].length, 0);
  });
});

Deno.test("the folder INIs hold the folders, the unit and no secret; a database of another IČO is refused", async () => {
  await withFolder({ database: "StwPh_12345679_2025" }, async (_, dir) => {
    const ini = await Deno.readTextFile(join(dir, "pohoda-xml", "partners.ini"));
    match(ini, /database=StwPh_12345679_2025\r\ncheck_duplicity=0/);
    ok(!ini.includes(testConfig().pohoda!.password.reveal()));
  });
  await rejects(
    withFolder({ database: "StwPh_87654321_2025" }, () => Promise.resolve()),
    /database StwPh_87654321_2025 is the accounting unit of IČO 87654321, but \[pohoda\] ico is 12345679/,
  );
  await rejects(
    withFolder({ input_dir: "xml", response_dir: "./xml/" }, () => Promise.resolve()),
    /input_dir and response_dir are both .*xml\./,
  );
});
