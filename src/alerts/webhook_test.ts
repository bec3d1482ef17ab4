import { equal } from "node:assert/strict";
import { sign } from "./webhook.ts";

Deno.test("the signature is HMAC-SHA256 in hex (RFC 4231, test case 2)", async () => {
  equal(
    await sign("Jefe", "what do ya want for nothing?"),
    "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});
