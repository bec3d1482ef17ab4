/**
 * Smoke test of the compiled program. `deno compile` needs its runtime (denort), which it
 * downloads; where that is impossible, set DENORT_BIN to a local denort and this test uses it.
 */
import { equal, match } from "node:assert/strict";
import { join } from "node:path";
import meta from "../deno.json" with { type: "json" };

const denort = Deno.env.get("DENORT_BIN");
const root = new URL("../", import.meta.url).pathname;

Deno.test({
  name: "the compiled program runs and keeps its data beside itself, whatever the working folder",
  ignore: !denort,
  async fn() {
    const folder = await Deno.makeTempDir({ prefix: "spojka-compiled-" });
    const exe = join(folder, Deno.build.os === "windows" ? "spojka.exe" : "spojka");
    // The compile task's own flags, only with another output path.
    const args = meta.tasks.compile.split(/\s+/).slice(1);
    args[args.indexOf("--output") + 1] = exe;
    const compiled = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: root,
      env: { DENORT_BIN: denort! },
    }).output();
    equal(compiled.code, 0, new TextDecoder().decode(compiled.stderr));

    const run = async (cliArgs: string[], env: Record<string, string> = {}) => {
      const cwd = await Deno.makeTempDir(); // stands in for C:\Windows\System32 of a scheduled task
      const out = await new Deno.Command(exe, { args: cliArgs, cwd, env, clearEnv: true }).output();
      return { code: out.code, stdout: new TextDecoder().decode(out.stdout), cwd };
    };
    const version = await run(["--version"]);
    equal(version.stdout.trim(), meta.version);
    const init = await run(["init", "--non-interactive"], {
      SPOJKA_FLOWII_USER: "u@firma.sk",
      SPOJKA_FLOWII_PASSWORD: "p",
      SPOJKA_FLOWII_API_KEY: "k",
      SPOJKA_POHODA_USER: "spojka",
      SPOJKA_POHODA_PASSWORD: "p",
      SPOJKA_POHODA_ICO: "12345679",
    });
    equal(init.code, 4, "saved, but nothing to check against");
    match(await Deno.readTextFile(join(folder, "config.toml")), /ico = "12345679"/);
    equal([...Deno.readDirSync(init.cwd)].length, 0);
    const status = await run(["status", "--json"]);
    equal(JSON.parse(status.stdout).dataDir, folder);
  },
});
