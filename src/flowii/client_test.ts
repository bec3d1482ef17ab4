import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { testConfig } from "../config/_testing.ts";
import type { ServiceError } from "../core/errors.ts";
import { FLOWII_PATHS, startFlowii } from "../../tests/emulators/flowii/server.ts";
import { FlowiiClient } from "./client.ts";

const log = { detail: () => {} };

async function withFlowii(
  body: (flowii: ReturnType<typeof startFlowii>, client: FlowiiClient, dir: string) => Promise<void>,
) {
  const flowii = startFlowii({ dataset: { seed: 3, partners: 2, documents: 3 } });
  const { user, password, apiKey } = flowii.credentials;
  const config = testConfig({ flowiiPassword: password, flowiiApiKey: apiKey }).flowii!;
  const dir = await Deno.makeTempDir({ prefix: "spojka-flowii-" });
  try {
    await body(flowii, new FlowiiClient({ ...config, base_url: flowii.url, user }, log), dir);
  } finally {
    await flowii.close();
    await Deno.remove(dir, { recursive: true });
  }
}

function files(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test("one token serves several exports; one that expires mid-run is renewed once, transparently", async () => {
  await withFlowii(async (flowii, client, dir) => {
    await client.exportTo("partners", undefined, `${dir}/companies.zip`);
    await client.exportTo("documents", undefined, `${dir}/documents.zip`);
    equal(flowii.requests.filter((r) => r.path === "/token").length, 1, "the token is cached");
    flowii.expireTokens();
    const { bytes } = await client.exportTo("documents", undefined, `${dir}/documents.zip`);
    ok(bytes > 0);
    deepEqual(flowii.requests.slice(-3).map((r) => [r.path, r.status]), [
      ["/documents/pohoda-export", 401],
      ["/token", 200],
      ["/documents/pohoda-export", 200],
    ]);
  });
});

Deno.test("the export is streamed into the file, which holds the zip FLOWii sent", async () => {
  await withFlowii(async (_flowii, client, dir) => {
    const before = new Date();
    const progress: number[] = [];
    const { bytes, exportedAt } = await client.exportTo(
      "documents",
      undefined,
      `${dir}/documents.zip`,
      (received) => progress.push(received),
    );
    const zip = await Deno.readFile(`${dir}/documents.zip`);
    equal(zip.length, bytes);
    deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
    equal(progress.at(-1), bytes);
    deepEqual(files(dir), ["documents.zip"]);
    // The server's Date has whole seconds (and a server may refresh it only now and then, late on a
    // busy machine): exportedAt is never later than the request, and of this very request.
    ok(exportedAt.getTime() <= Date.now() && exportedAt.getTime() > before.getTime() - 60_000);
  });
});

Deno.test("a 429 and a 503 are waited out; the zip then arrives", async () => {
  await withFlowii(async (flowii, client, dir) => {
    flowii.inject(FLOWII_PATHS.documents, { kind: "rateLimit", retryAfter: 0 });
    flowii.inject(FLOWII_PATHS.documents, { kind: "unavailable", retryAfter: 0 });
    await client.exportTo("documents", undefined, `${dir}/documents.zip`);
    deepEqual(
      flowii.requests.filter((r) => r.path === FLOWII_PATHS.documents).map((r) => r.status),
      [429, 503, 200],
    );
    deepEqual(files(dir), ["documents.zip"]);
  });
});

Deno.test("a maintenance page instead of the zip is named, and not kept as the zip", async () => {
  await withFlowii(async (flowii, client, dir) => {
    flowii.inject(FLOWII_PATHS.partners, { kind: "maintenancePage" });
    await rejects(client.exportTo("partners", undefined, `${dir}/companies.zip`), (e: ServiceError) => {
      equal(e.exitCode, 4);
      equal(
        e.message,
        "FLOWii sent text/html instead of the partners zip: a web page titled “FLOWii – údržba”.",
      );
      return true;
    });
    deepEqual(files(dir), []);
  });
});

Deno.test("an export FLOWii refuses is worded with what it said, and nothing is written", async () => {
  await withFlowii(async (flowii, client, dir) => {
    flowii.inject(FLOWII_PATHS.documents, {
      kind: "jsonError",
      status: 403,
      message: "No access to company.",
    });
    await rejects(client.exportTo("documents", undefined, `${dir}/documents.zip`), (e: ServiceError) => {
      equal(e.message, "FLOWii refused access to the documents export (HTTP 403): “No access to company”.");
      return true;
    });
    deepEqual(files(dir), []);
  });
});

Deno.test("the first run asks for everything, later runs for what changed since", async () => {
  await withFlowii(async (flowii, client, dir) => {
    await client.exportTo("documents", undefined, `${dir}/documents.zip`);
    await client.exportTo("documents", 1_790_000_000, `${dir}/documents.zip`);
    deepEqual(flowii.requests.filter((r) => r.path.endsWith("export")).map((r) => r.query.from), [
      undefined,
      "1790000000",
    ]);
  });
});

Deno.test("a refused password is named without repeating it", async () => {
  const flowii = startFlowii({ dataset: { seed: 3, partners: 1, documents: 1 } });
  try {
    const config = testConfig({ flowiiPassword: "zle-heslo-123", flowiiApiKey: flowii.credentials.apiKey })
      .flowii!;
    const client = new FlowiiClient({ ...config, base_url: flowii.url, user: flowii.credentials.user }, log);
    await rejects(client.token(), (e: ServiceError) => {
      equal(e.exitCode, 4);
      ok(/FLOWii refused the user name or password/.test(e.message));
      ok(!e.message.includes("zle-heslo-123"));
      return true;
    });
  } finally {
    await flowii.close();
  }
});
