import { deepEqual, equal } from "node:assert/strict";
import { parseRegQuery, windowsUiLanguage } from "./windows_ui.ts";

// What reg.exe prints for a value: a blank line, the key, then the value indented.
const answer = (value: string, type: string, data: string) =>
  `\r\nHKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ${value}    ${type}    ${data}\r\n\r\n`;

Deno.test("the first display language of a multi-string value", () => {
  equal(
    parseRegQuery(answer("PreferredUILanguages", "REG_MULTI_SZ", "sk-SK\\0en-US"), "PreferredUILanguages"),
    "sk-SK",
  );
  equal(
    parseRegQuery(answer("PreferredUILanguages", "REG_MULTI_SZ", "cs-CZ"), "preferreduilanguages"),
    "cs-CZ",
  );
});

Deno.test("an answer without the value, or with it empty, says nothing", () => {
  equal(parseRegQuery(answer("Wallpaper", "REG_SZ", "C:\\x.jpg"), "PreferredUILanguages"), undefined);
  equal(parseRegQuery(answer("PreferredUILanguages", "REG_MULTI_SZ", ""), "PreferredUILanguages"), undefined);
  equal(parseRegQuery("", "PreferredUILanguages"), undefined);
});

Deno.test("the user's choice first, then the machine's, then nothing", async () => {
  const asked: string[] = [];
  const registry = (values: Record<string, string>) => (key: string, value: string) => {
    asked.push(`${key} ${value}`);
    const data = values[value];
    return Promise.resolve(data === undefined ? undefined : answer(value, "REG_MULTI_SZ", data));
  };
  equal(
    await windowsUiLanguage(
      registry({ PreferredUILanguages: "cs-CZ", MachinePreferredUILanguages: "en-US" }),
    ),
    "cs-CZ",
  );
  deepEqual(asked.splice(0), ["HKCU\\Control Panel\\Desktop PreferredUILanguages"]);
  equal(await windowsUiLanguage(registry({ MachinePreferredUILanguages: "sk-SK" })), "sk-SK");
  deepEqual(asked.splice(0), [
    "HKCU\\Control Panel\\Desktop PreferredUILanguages",
    "HKCU\\Control Panel\\Desktop\\MuiCached MachinePreferredUILanguages",
  ]);
  equal(await windowsUiLanguage(registry({})), undefined);
});
