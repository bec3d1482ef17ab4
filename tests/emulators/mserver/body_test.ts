import { equal } from "node:assert/strict";
import { encodeWindows1250 } from "../cp1250.ts";
import { declaredEncoding, decodeXml, readBody } from "./body.ts";

Deno.test("the XML declaration decides how the body is decoded", () => {
  equal(
    declaredEncoding(new TextEncoder().encode(`<?xml version="1.0" encoding='Windows-1250'?><a/>`)),
    "Windows-1250",
  );
  equal(declaredEncoding(new TextEncoder().encode(`<a/>`)), "utf-8");
  equal(
    decodeXml(encodeWindows1250(`<?xml version="1.0" encoding="windows-1250"?><a>kůň</a>`)),
    `<?xml version="1.0" encoding="windows-1250"?><a>kůň</a>`,
  );
  equal(
    decodeXml(new TextEncoder().encode(`<?xml version="1.0"?><a>kůň</a>`)),
    `<?xml version="1.0"?><a>kůň</a>`,
  );
});

Deno.test("deflate bodies are accepted zlib-wrapped and raw", async () => {
  const xml = new TextEncoder().encode("<a>kůň</a>");
  for (const format of ["deflate", "deflate-raw"] as const) {
    const compressed = await new Response(new Blob([xml]).stream().pipeThrough(new CompressionStream(format)))
      .bytes();
    const request = new Request("http://x/xml", {
      method: "POST",
      body: compressed,
      headers: { "content-encoding": "deflate" },
    });
    equal(new TextDecoder().decode(await readBody(request)), "<a>kůň</a>");
  }
});
