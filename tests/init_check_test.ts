/** `init` checks each connection and says precisely what is wrong, but saves the settings anyway. */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempDataDir } from "./helpers/cli.ts";
import { ICO, startWorld, type World } from "./helpers/world.ts";

const env = (world: World, extra: Record<string, string> = {}) => ({
  SPOJKA_FLOWII_URL: world.flowii.url,
  SPOJKA_FLOWII_USER: world.flowii.credentials.user,
  SPOJKA_FLOWII_PASSWORD: world.flowii.credentials.password,
  SPOJKA_FLOWII_API_KEY: world.flowii.credentials.apiKey,
  SPOJKA_POHODA_URL: world.mserver.xmlUrl,
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-1",
  SPOJKA_POHODA_ICO: ICO,
  ...extra,
});

async function init(world: World, extra?: Record<string, string>) {
  const dir = await tempDataDir();
  const result = await runCli(["--dir", dir, "init", "--non-interactive"], { env: env(world, extra) });
  equal(result.code, 0, "the settings are saved whatever the checks find");
  ok(await Deno.stat(join(dir, "config.toml")));
  return result;
}

/** A port on 127.0.0.1 where nothing listens. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

Deno.test("init checks FLOWii and mServer", async (t) => {
  const world = await startWorld({ flowii: { dataset: { seed: 1, partners: 2, documents: 2 } } });
  try {
    await t.step("both answer: the accounting unit is named", async () => {
      const result = await init(world);
      match(result.stdout, /FLOWii: OK, signed in as /);
      match(result.stdout, new RegExp(`POHODA mServer: OK, answers for .*IČO ${ICO}, StwPh_${ICO}_\\d{4}`));
      equal(result.stderr, "");
    });

    await t.step("mServer not running", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: `http://127.0.0.1:${closedPort()}/xml` });
      match(
        result.stderr,
        /cannot connect to POHODA mServer at .*: the connection was refused \(is it running, on this port\?\)/,
      );
      match(result.stderr, /The settings are saved anyway/);
    });

    await t.step("localhost may be IPv6, where mServer does not listen", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: `http://localhost:${closedPort()}/xml` });
      match(result.stderr, /localhost may resolve to the IPv6 address ::1.*Use 127\.0\.0\.1/);
    });

    await t.step("a URL without /xml", async () => {
      const result = await init(world, { SPOJKA_POHODA_URL: world.mserver.url });
      match(result.stdout, /does not end with \/xml; mServer takes imports only at \/xml/);
    });

    await t.step("mServer of another company", async () => {
      const result = await init(world, { SPOJKA_POHODA_ICO: "45274649" });
      match(
        result.stderr,
        new RegExp(`serves the accounting unit with IČO ${ICO}.*but \\[pohoda\\] ico is 45274649`),
      );
    });

    await t.step("wrong passwords and API key", async () => {
      const result = await init(world, {
        SPOJKA_POHODA_PASSWORD: "spatne-heslo",
        SPOJKA_FLOWII_API_KEY: "spatny-kluc",
      });
      match(result.stderr, /FLOWii refused the API key/);
      match(result.stderr, /POHODA refused the user name or password \(HTTP 401\)/);
      ok(!result.stderr.includes("spatne-heslo") && !result.stderr.includes("spatny-kluc"));
    });
  } finally {
    await world.close();
  }
});
