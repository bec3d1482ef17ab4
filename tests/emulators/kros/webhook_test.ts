import { equal } from "node:assert/strict";
import { listen } from "../server.ts";
import { sendNotification, SIGNATURE_HEADER } from "./mod.ts";

/** A receiver that records what it got and answers 200 only with the expected signature. */
function receiver(expectedSignature: string) {
  const received: { body: string; signature: string | null }[] = [];
  const server = listen(async (request) => {
    const signature = request.headers.get(SIGNATURE_HEADER);
    received.push({ body: await request.text(), signature });
    return new Response(null, { status: signature === expectedSignature ? 200 : 401 });
  });
  return { server, received };
}

// Signature of the sample notification with secret "kros-secret", computed with Python's hmac
// over UTF-16LE bytes (see signature_test.ts).
const SAMPLE_SIGNATURE = "QID/+SHnGWQSotYUaZX26EVDjfd9BQCZ5xaTEBBxYjY=";

Deno.test("sendNotification signs the raw body as KROS does", async () => {
  const { server, received } = receiver(SAMPLE_SIGNATURE);
  try {
    equal(await sendNotification(server.url, "kros-secret"), 200);
    equal(received[0].signature, SAMPLE_SIGNATURE);
    equal(JSON.parse(received[0].body).status, 200);
  } finally {
    await server.close();
  }
});

Deno.test("a forged or missing signature reaches the receiver as such", async () => {
  const { server, received } = receiver(SAMPLE_SIGNATURE);
  try {
    equal(await sendNotification(server.url, "kros-secret", undefined, { signature: "Zm9yZ2Vk" }), 401);
    equal(received[0].signature, "Zm9yZ2Vk");
    equal(await sendNotification(server.url, "kros-secret", undefined, { signature: null }), 401);
    equal(received[1].signature, null);
    equal(await sendNotification(server.url, "other-secret"), 401);
  } finally {
    await server.close();
  }
});
