import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { testConfig } from "../config/_testing.ts";
import type { ServiceError } from "../core/errors.ts";
import { startFlowii } from "../../tests/emulators/flowii/server.ts";
import { FlowiiClient } from "./client.ts";

const log = { detail: () => {} };

async function withFlowii(
  body: (flowii: ReturnType<typeof startFlowii>, client: FlowiiClient) => Promise<void>,
) {
  const flowii = startFlowii({ dataset: { seed: 3, partners: 2, documents: 3 } });
  const { user, password, apiKey } = flowii.credentials;
  const config = testConfig({ flowiiPassword: password, flowiiApiKey: apiKey }).flowii!;
  try {
    await body(flowii, new FlowiiClient({ ...config, base_url: flowii.url, user }, log));
  } finally {
    await flowii.close();
  }
}

Deno.test("one token serves several exports; one that expires mid-run is renewed once, transparently", async () => {
  await withFlowii(async (flowii, client) => {
    await client.export("partners", undefined);
    await client.export("documents", undefined);
    equal(flowii.requests.filter((r) => r.path === "/token").length, 1, "the token is cached");
    flowii.expireTokens();
    const { zip } = await client.export("documents", undefined);
    ok(zip.length > 0);
    deepEqual(flowii.requests.slice(-3).map((r) => [r.path, r.status]), [
      ["/documents/pohoda-export", 401],
      ["/token", 200],
      ["/documents/pohoda-export", 200],
    ]);
  });
});

Deno.test("the first run asks for everything, later runs for what changed since", async () => {
  await withFlowii(async (flowii, client) => {
    await client.export("documents", undefined);
    await client.export("documents", 1_790_000_000);
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
