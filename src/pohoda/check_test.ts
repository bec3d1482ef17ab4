import { deepEqual, equal, rejects } from "node:assert/strict";
import { ConfigError } from "../core/errors.ts";
import { setLanguage } from "../i18n/mod.ts";
import { checkMServer } from "./check.ts";
import type { PohodaConfig } from "./config.ts";
import type { CompanyDetail, MServer, MServerStatus } from "./mserver.ts";

const config = { url: "http://127.0.0.1:444/xml", ico: "12345678" } as PohodaConfig;

/** An mServer that answers its status pages with `status` and `detail` (`null`: it has none). */
function mserver(status: MServerStatus | null, detail: CompanyDetail | null = null): MServer {
  return { status: () => Promise.resolve(status), companyDetail: () => Promise.resolve(detail) } as MServer;
}

Deno.test("a busy mServer, or one without status page, is a note; another company's unit stops the run", async () => {
  deepEqual(
    (await checkMServer(mserver({ state: "busy", processing: 3 }, { ico: "12345678" }), config)).notes,
    ["mServer is busy with 3 requests in its queue; spojka's packs wait their turn."],
  );
  deepEqual((await checkMServer(mserver(null), config)).notes, [
    "mServer has no status page (GET /status); the checks before importing were skipped.",
  ]);
  await rejects(
    checkMServer(mserver({ state: "idle" }, { ico: "87654321", company: "Jiná s.r.o." }), config),
    (e: Error) =>
      e instanceof ConfigError && e.message === "mServer at http://127.0.0.1:444/xml serves the accounting " +
          "unit with IČO 87654321 (Jiná s.r.o.), but [pohoda] ico is 12345678.",
  );
});

Deno.test("in Czech and Slovak, the checks before importing say what they found", async () => {
  try {
    setLanguage("cs");
    deepEqual(
      (await checkMServer(mserver({ state: "busy", processing: 3 }, { ico: "12345678" }), config)).notes,
      ["mServer je ve stavu busy, ve frontě má 3 požadavky; balíčky spojky čekají, až na ně přijde řada."],
    );
    setLanguage("sk");
    await rejects(
      checkMServer(mserver({ state: "idle" }, { ico: "87654321" }), config),
      (e: Error) => {
        equal(
          e.message,
          "mServer na http://127.0.0.1:444/xml obsluhuje účtovnú jednotku s IČO 87654321, ale [pohoda] ico je 12345678.",
        );
        equal(
          (e as ConfigError).hint,
          "Nasmerujte [pohoda] url na konfiguráciu mServera správnej firmy a správneho roka, alebo opravte IČO.",
        );
        return true;
      },
    );
  } finally {
    setLanguage("en");
  }
});
