import { deepEqual, equal, match, notEqual, ok, rejects } from "node:assert/strict";
import { validateXml } from "../xsd.ts";
import { FLOWII_PATHS, type FlowiiEmulator, type FlowiiOptions, startFlowii } from "./server.ts";
import { listZip } from "./zip.ts";

const START = new Date("2026-03-01T10:00:00Z");
const SMALL: FlowiiOptions = { dataset: { seed: 2, partners: 8, documents: 12, start: START } };

function tokenRequest(
  emu: FlowiiEmulator,
  fields: Record<string, string> = {},
  apiKey = emu.credentials.apiKey,
) {
  const { user, password } = emu.credentials;
  return fetch(`${emu.url}${FLOWII_PATHS.token}`, {
    method: "POST",
    headers: { "Api-Key": apiKey, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", username: user, password, ...fields }),
  });
}

async function login(emu: FlowiiEmulator): Promise<string> {
  const res = await tokenRequest(emu);
  equal(res.status, 200);
  return (await res.json()).access_token;
}

function exportRequest(
  emu: FlowiiEmulator,
  path: string,
  token: string | undefined,
  query: Record<string, string> = {},
  apiKey = emu.credentials.apiKey,
) {
  const url = new URL(path, emu.url);
  for (const [k, v] of Object.entries({ companyId: emu.credentials.companyId, ...query })) {
    url.searchParams.set(k, v);
  }
  const headers: Record<string, string> = { "Api-Key": apiKey };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(url, { headers });
}

async function bytes(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

Deno.test("POST /token issues a bearer token for the right credentials", async () => {
  await using emu = startFlowii({ ...SMALL, tokenTtlSeconds: 120 });
  const res = await tokenRequest(emu);
  equal(res.status, 200);
  equal(res.headers.get("cache-control"), "no-store");
  const body = await res.json();
  deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "token_type"]);
  equal(body.token_type, "bearer");
  equal(body.expires_in, 120);
  match(body.access_token, /^[\w-]{40,}$/);
});

Deno.test("POST /token answers OAuth errors", async () => {
  await using emu = startFlowii(SMALL);
  const cases: [Promise<Response>, number, string][] = [
    [tokenRequest(emu, { password: "wrong" }), 400, "invalid_grant"],
    [tokenRequest(emu, { username: "someone@else.sk" }), 400, "invalid_grant"],
    [tokenRequest(emu, { grant_type: "client_credentials" }), 400, "unsupported_grant_type"],
    [tokenRequest(emu, {}, "bad-key"), 401, "invalid_client"],
    [fetch(`${emu.url}/token`, { method: "POST", body: "grant_type=password" }), 401, "invalid_client"],
    [
      fetch(`${emu.url}/token`, {
        method: "POST",
        headers: { "Api-Key": emu.credentials.apiKey, "Content-Type": "application/json" },
        body: "{}",
      }),
      400,
      "invalid_request",
    ],
  ];
  for (const [pending, status, error] of cases) {
    const res = await pending;
    equal(res.status, status, error);
    const body = await res.json();
    equal(body.error, error);
    equal(typeof body.error_description, "string");
  }
});

Deno.test("exports are zips with one valid XML file in the configured encodings", async () => {
  await using emu = startFlowii({ ...SMALL, now: () => Date.parse("2026-03-07T09:00:00Z") });
  const token = await login(emu);
  for (
    const [path, name, declaration] of [
      [FLOWII_PATHS.partners, "pohoda_partner_export_7.3.2026.xml", 'encoding="Windows-1250"'],
      [FLOWII_PATHS.documents, "pohoda_document_export_7.3.2026.xml", 'encoding="UTF-8"'],
    ]
  ) {
    const res = await exportRequest(emu, path, token);
    equal(res.status, 200);
    equal(res.headers.get("content-type"), "application/zip");
    const [entry, ...rest] = await listZip(await bytes(res));
    deepEqual([entry.name, rest.length], [name, 0]);
    const xml = await entry.read();
    ok(new TextDecoder().decode(xml.slice(0, 60)).includes(declaration), declaration);
    deepEqual(await validateXml("data", xml), []);
  }
});

Deno.test("`from` filters by modification time; nothing new gives an empty zip", async () => {
  const now = START.getTime() + 86_400_000;
  await using emu = startFlowii({ ...SMALL, now: () => now });
  const token = await login(emu);
  const added = emu.addDocuments(3);
  const touched = emu.touch(emu.dataset.documents[0].id, { note: "Opravená poznámka" });
  const from = String(now / 1000);

  const res = await exportRequest(emu, FLOWII_PATHS.documents, token, { from });
  const [entry] = await listZip(await bytes(res));
  const xml = new TextDecoder().decode(await entry.read());
  const ids = [...xml.matchAll(/<dat:dataPackItem version="2.0" id="(\d+)">/g)].map((m) => m[1]);
  deepEqual(ids.sort(), [touched.id, ...added.map((d) => d.id)].sort());
  ok(xml.includes("Opravená poznámka"));

  const all = await exportRequest(emu, FLOWII_PATHS.documents, token);
  const [full] = await listZip(await bytes(all));
  equal((new TextDecoder().decode(await full.read()).match(/<dat:dataPackItem /g) ?? []).length, 15);

  const none = await exportRequest(emu, FLOWII_PATHS.partners, token, { from });
  equal(none.status, 200);
  deepEqual(await listZip(await bytes(none)), []);

  equal(emu.requests.at(-1)?.query.from, from);
  equal(emu.requests.at(-2)?.query.from, undefined, "from omitted");
});

Deno.test("business calls need the API key and a live bearer token", async () => {
  let now = START.getTime();
  await using emu = startFlowii({ ...SMALL, tokenTtlSeconds: 60, now: () => now });
  const token = await login(emu);

  const missing = await exportRequest(emu, FLOWII_PATHS.partners, undefined);
  equal(missing.status, 401);
  match((await missing.json()).message, /denied/);

  const unknown = await exportRequest(emu, FLOWII_PATHS.partners, "forged");
  equal(unknown.status, 401);
  await unknown.body?.cancel();

  const badKey = await exportRequest(emu, FLOWII_PATHS.partners, token, {}, "bad-key");
  equal(badKey.status, 401);
  equal((await badKey.json()).error, "invalid_client");

  now += 61_000;
  const expired = await exportRequest(emu, FLOWII_PATHS.partners, token);
  equal(expired.status, 401);
  match(expired.headers.get("www-authenticate") ?? "", /invalid_token/);
  await expired.body?.cancel();

  const fresh = await login(emu);
  notEqual(fresh, token);
  const ok200 = await exportRequest(emu, FLOWII_PATHS.partners, fresh);
  equal(ok200.status, 200);
  await ok200.body?.cancel();

  emu.expireTokens();
  const forced = await exportRequest(emu, FLOWII_PATHS.partners, fresh);
  equal(forced.status, 401);
  await forced.body?.cancel();
  const tokens = emu.requests.filter((r) => r.path === FLOWII_PATHS.partners).map((r) =>
    r.headers.authorization
  );
  equal(tokens.at(-1), `Bearer ${fresh}`, "the log shows which token was sent");
});

Deno.test("companyId is enforced only when configured", async () => {
  await using strict = startFlowii({ ...SMALL, companyId: "4711" });
  equal(strict.credentials.companyId, "4711");
  equal(strict.dataset.company.id, "4711");
  const token = await login(strict);
  for (const [query, status] of [[{ companyId: "4712" }, 404], [{}, 200]] as const) {
    const res = await exportRequest(strict, FLOWII_PATHS.documents, token, query);
    equal(res.status, status);
    await res.body?.cancel();
  }
  const url = new URL(FLOWII_PATHS.documents, strict.url);
  const res = await fetch(url, {
    headers: { "Api-Key": strict.credentials.apiKey, Authorization: `Bearer ${token}` },
  });
  equal(res.status, 404, "companyId missing");
  match((await res.json()).message, /not found/);

  await using lax = startFlowii(SMALL);
  const laxToken = await login(lax);
  const anyCompany = await exportRequest(lax, FLOWII_PATHS.documents, laxToken, { companyId: "whatever" });
  equal(anyCompany.status, 200);
  await anyCompany.body?.cancel();
});

Deno.test("bad requests: invalid from, unknown path, wrong method", async () => {
  await using emu = startFlowii(SMALL);
  const token = await login(emu);
  const badFrom = await exportRequest(emu, FLOWII_PATHS.documents, token, { from: "2026-03-01" });
  equal(badFrom.status, 400);
  match((await badFrom.json()).message, /from/);
  const unknown = await fetch(`${emu.url}/orders/pohoda-export`);
  equal(unknown.status, 404);
  await unknown.body?.cancel();
  const wrong = await fetch(`${emu.url}${FLOWII_PATHS.token}`);
  equal(wrong.status, 405);
  equal(wrong.headers.get("allow"), "POST");
  await wrong.body?.cancel();
});

Deno.test("gateway faults: 429 and 503 with Retry-After, maintenance page, JSON error", async () => {
  await using emu = startFlowii(SMALL);
  emu.inject(FLOWII_PATHS.token, { kind: "rateLimit", retryAfter: 0 }, 2);
  emu.inject(FLOWII_PATHS.token, { kind: "unavailable", retryAfter: 1 });
  emu.inject(FLOWII_PATHS.token, { kind: "unavailable" });
  emu.inject(FLOWII_PATHS.token, { kind: "maintenancePage" });
  emu.inject(FLOWII_PATHS.token, { kind: "jsonError", status: 500, message: "Interná chyba servera" });
  const seen = [];
  for (let i = 0; i < 7; i++) {
    const res = await tokenRequest(emu);
    seen.push([
      res.status,
      res.headers.get("retry-after"),
      res.headers.get("content-type"),
      await res.text(),
    ]);
  }
  deepEqual(seen.slice(0, 4).map((s) => s.slice(0, 2)), [[429, "0"], [429, "0"], [503, "1"], [503, null]]);
  equal(seen[4][0], 200);
  match(seen[4][2] as string, /^text\/html/);
  match(seen[4][3] as string, /údržba/);
  deepEqual(seen[5].slice(0, 1), [500]);
  deepEqual(JSON.parse(seen[5][3] as string), { message: "Interná chyba servera" });
  equal(seen[6][0], 200, "faults are used up");
  deepEqual(emu.requests.map((r) => r.status), [429, 429, 503, 503, 200, 500, 200]);
});

Deno.test("payload faults: truncated, path traversal, many entries, zip bomb", async () => {
  await using emu = startFlowii(SMALL);
  const token = await login(emu);
  const path = FLOWII_PATHS.documents;
  const get = async () => bytes(await exportRequest(emu, path, token));

  emu.inject(path, { kind: "truncatedZip" });
  // A request rejected with 401 does not use up a payload fault.
  const denied = await exportRequest(emu, path, undefined);
  equal(denied.status, 401);
  await denied.body?.cancel();
  await rejects(listZip(await get()));

  emu.inject(path, { kind: "pathTraversalZip" });
  const hostile = await get();
  await rejects(listZip(hostile), /Unsafe filename/);
  deepEqual((await listZip(hostile, true)).map((e) => e.name), ["../evil.xml"]);

  emu.inject(path, { kind: "manyEntriesZip", entries: 300 });
  equal((await listZip(await get())).length, 301);

  emu.inject(path, { kind: "zipBomb", megabytes: 50 });
  const bomb = await get();
  ok(bomb.length < 200_000, `${bomb.length} bytes packed`);
  const [entry] = await listZip(bomb);
  equal(entry.size, 50 * 1024 * 1024);

  equal((await listZip(await get())).length, 1, "back to normal");
});

Deno.test("latency delays every answer", async () => {
  await using emu = startFlowii({ ...SMALL, latencyMs: 150 });
  const started = performance.now();
  await login(emu);
  ok(performance.now() - started >= 140);
});

Deno.test("exportCacheDir: full exports are written once and served from disk, the same bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "flowii-cache-" });
  try {
    const now = () => START.getTime();
    const served = async (emu: FlowiiEmulator, query: Record<string, string> = {}) => {
      const res = await exportRequest(emu, FLOWII_PATHS.documents, await login(emu), query);
      const [entry, ...rest] = await listZip(await bytes(res));
      equal(rest.length, 0);
      return { name: entry.name, xml: await entry.read() };
    };
    await using plain = startFlowii({ ...SMALL, now });
    await using cached = startFlowii({ ...SMALL, now, exportCacheDir: dir });
    const expected = await served(plain);
    deepEqual(await served(cached), expected);

    const files = await Array.fromAsync(Deno.readDir(dir));
    deepEqual(files.map((f) => f.name.replace(/-[0-9a-f]{16}\./, ".")).sort(), [
      "documents-12-utf-8.xml",
      "documents-12-utf-8.zip",
    ]);
    const file = await cached.cachedExport("documents");
    deepEqual(await Deno.readFile(file.xmlPath), expected.xml);
    equal(file.entryName, expected.name);

    // Another emulator with the same options reuses the files.
    const { mtime } = await Deno.stat(file.zipPath);
    await using again = startFlowii({ ...SMALL, now, exportCacheDir: dir });
    deepEqual(await served(again), expected);
    deepEqual((await Deno.stat(file.zipPath)).mtime, mtime);

    // A partial export, or one of a changed dataset, is built per request as without the cache.
    const from = String(Math.max(...cached.dataset.documents.map((d) => d.modifiedAt)));
    const partial = await served(cached, { from });
    deepEqual(partial, await served(plain, { from }));
    ok(partial.xml.length < expected.xml.length);
    cached.addDocuments(1);
    plain.addDocuments(1);
    equal((await served(cached)).xml.length, (await served(plain)).xml.length);
    await rejects(cached.cachedExport("documents"), /generated history alone/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
