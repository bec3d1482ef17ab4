import { equal, match, ok, rejects } from "node:assert/strict";
import { FaultProxy, type Verdict } from "./proxy.ts";

/** A service that counts what it did, behind a proxy whose `verdict` strikes the requests to `/fault`. */
async function withProxy(
  verdict: Verdict,
  test: (proxy: FaultProxy, done: () => string[]) => Promise<void>,
): Promise<void> {
  const done: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    const body = await request.text();
    done.push(`${new URL(request.url).pathname} ${body}`);
    return new Response(`did ${body}`);
  });
  const proxy = new FaultProxy(`http://127.0.0.1:${server.addr.port}`);
  proxy.rules = (request) => request.path === "/fault" ? verdict : undefined;
  try {
    await test(proxy, () => done);
  } finally {
    await proxy.close();
    await server.shutdown();
  }
}

function post(proxy: FaultProxy, path: string, body: string, timeoutMs = 2000): Promise<Response> {
  return fetch(`${proxy.url}${path}`, { method: "POST", body, signal: AbortSignal.timeout(timeoutMs) });
}

Deno.test("requests the rules leave alone pass, on the same connection as struck ones", async () => {
  await withProxy({ kind: "reset" }, async (proxy, done) => {
    equal(await (await post(proxy, "/a", "1")).text(), "did 1");
    await rejects(post(proxy, "/fault", "2"));
    equal(await (await post(proxy, "/b", "3")).text(), "did 3");
    equal(done().join(", "), "/a 1, /b 3", "the reset request never reached the service");
  });
});

Deno.test("an HTTP error is answered by the proxy, with Retry-After, and the service never sees it", async () => {
  await withProxy({ kind: "status", status: 503, retryAfter: 0 }, async (proxy, done) => {
    const response = await post(proxy, "/fault", "x".repeat(5000));
    equal(response.status, 503);
    equal(response.headers.get("retry-after"), "0");
    await response.body?.cancel();
    equal(done().length, 0);
  });
});

Deno.test("a lost answer: the service did the work, the client gets no answer", async () => {
  let answered = 0;
  await withProxy({ kind: "lose", onAnswer: () => answered++ }, async (proxy, done) => {
    await rejects(post(proxy, "/fault", "1"));
    ok(done().length >= 1, "the service did the work");
    ok(answered >= 1, "onAnswer heard the answer start");
  });
});

Deno.test("a hang and a withheld answer run into the client's timeout; only the withheld one was done", async () => {
  await withProxy({ kind: "hang" }, async (proxy, done) => {
    await rejects(post(proxy, "/fault", "1", 300), /timed out|aborted/);
    equal(done().length, 0);
  });
  await withProxy({ kind: "withhold" }, async (proxy, done) => {
    await rejects(post(proxy, "/fault", "1", 300), /timed out|aborted/);
    equal(done().length, 1);
  });
});

Deno.test("a refusal closes the port for a while; sever cuts everything until revive", async () => {
  await withProxy({ kind: "refuse", ms: 1000 }, async (proxy) => {
    await rejects(post(proxy, "/fault", "1"));
    await rejects(
      fetch(`${proxy.url}/a`),
      (e: Error) => /refused|error sending/i.test(`${e.message} ${e.cause}`),
    );
    await proxy.revive();
    equal((await post(proxy, "/a", "2")).status, 200);
    proxy.sever();
    await rejects(post(proxy, "/a", "3"));
    await proxy.revive();
    match(await (await post(proxy, "/a", "4")).text(), /did 4/);
  });
});
