import { deepEqual, equal, throws } from "node:assert/strict";
import { BadRequest, bodyFraming, ChunkedBody, headEnd, parseHead } from "./http1.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** Asserts that `fn` throws a {@linkcode BadRequest} answered with `status`. */
function refused(status: number, fn: () => unknown): void {
  throws(fn, (e) => e instanceof BadRequest && e.status === status);
}

Deno.test("the head ends at the first blank line, found however the bytes arrive", () => {
  const head = bytes("POST /kros/notify HTTP/1.1\r\nHost: x\r\n\r\n{}");
  equal(headEnd(head, head.length), head.length - 2);
  for (let split = 1; split < head.length; split++) {
    const first = headEnd(head, split);
    equal(first === -1 ? headEnd(head, head.length, split) : first, head.length - 2, `split at ${split}`);
  }
  equal(headEnd(bytes("GET / HTTP/1.1\r\nHost: x\r\n"), 25), -1);
});

Deno.test("a request head is parsed: method, target, header fields", () => {
  const head = parseHead(
    bytes("POST /kros/notify?x=1 HTTP/1.1\r\nHost: a\r\nX-Kros-Signature-256:  c2ln= \r\n\r\n"),
  );
  deepEqual([head.method, head.target, head.headers.get("x-kros-signature-256")], [
    "POST",
    "/kros/notify?x=1",
    "c2ln=",
  ]);
});

Deno.test("a head that is not HTTP/1.1 is refused", () => {
  for (
    const head of [
      "GARBAGE\r\n\r\n",
      "GET / HTTP/2.0\r\n\r\n",
      "GET /  HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nHost : x\r\n\r\n", // whitespace before the colon
      "GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n", // obs-fold
      "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
      "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n",
    ]
  ) refused(400, () => parseHead(bytes(head)));
  const many = "GET / HTTP/1.1\r\n" + Array.from({ length: 101 }, (_, i) => `X-${i}: 1\r\n`).join("") +
    "\r\n";
  refused(431, () => parseHead(bytes(many)));
});

Deno.test("the body's framing: a length within the limit, chunked, or none", () => {
  const head = (fields: string) => parseHead(bytes(`POST / HTTP/1.1\r\n${fields}\r\n`));
  deepEqual(bodyFraming(head("Content-Length: 12\r\n"), 100), { kind: "length", length: 12 });
  deepEqual(bodyFraming(head(""), 100), { kind: "length", length: 0 });
  deepEqual(bodyFraming(head("Transfer-Encoding: Chunked\r\n"), 100), { kind: "chunked" });
  refused(413, () => bodyFraming(head("Content-Length: 101\r\n"), 100));
  refused(400, () => bodyFraming(head("Content-Length: -1\r\n"), 100));
  refused(400, () => bodyFraming(head("Content-Length: 5\r\nContent-Length: 6\r\n"), 100));
  refused(400, () => bodyFraming(head("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"), 100));
  refused(501, () => bodyFraming(head("Transfer-Encoding: gzip, chunked\r\n"), 100));
});

Deno.test("a chunked body is decoded whole however it is split, and what follows it is left", () => {
  const message = bytes("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\nNEXT");
  for (let split = 0; split <= message.length; split++) {
    const chunked = new ChunkedBody(new Uint8Array(64), 100);
    const first = chunked.feed(message.subarray(0, split));
    equal(first, Math.min(split, message.length - 4));
    equal(first + chunked.feed(message.subarray(first)), message.length - 4);
    equal(chunked.done, true);
    equal(text(chunked.body), "hello, world");
  }
});

Deno.test("a chunked body over the limit, or malformed, is refused", () => {
  const decode = (message: string, limit = 8) =>
    new ChunkedBody(new Uint8Array(limit), 100).feed(bytes(message));
  refused(413, () => decode("9\r\n123456789\r\n0\r\n\r\n"));
  refused(413, () => decode("5\r\n12345\r\n4\r\n1234\r\n0\r\n\r\n"));
  refused(400, () => decode("zz\r\n"));
  refused(400, () => decode("3\r\nabcX\r\n"));
  refused(400, () => decode("3\nabc"));
  refused(400, () => decode("1".repeat(300)));
  refused(431, () => decode("0\r\n" + "X-A: 1\r\n".repeat(20)));
});
