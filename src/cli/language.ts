/**
 * Chooses the language of this run before the command line is built: `--lang`, then `language` in
 * the data folder's config.toml, then the system locale or, on Windows, the display language (see
 * src/i18n/choose.ts).
 *
 * @module
 */

import { chooseLanguage, configLanguage, isLanguage, optionValue } from "../i18n/choose.ts";
import { m, setLanguage } from "../i18n/mod.ts";
import { windowsUiLanguage } from "../i18n/windows_ui.ts";
import { dataPaths, resolveDataDir } from "../core/datadir.ts";

/** Sets the language of this run; `false` (after saying why) when `--lang` names none spojka speaks. */
export async function chooseRunLanguage(args: readonly string[]): Promise<boolean> {
  const env = (name: string) => Deno.env.get(name);
  const given = optionValue(args, "--lang");
  const dir = resolveDataDir({
    option: optionValue(args, "--dir"),
    home: env("SPOJKA_HOME"),
    execPath: Deno.execPath(),
    cwd: Deno.cwd(),
  });
  const text = await Deno.readTextFile(dataPaths(dir).config).catch(() => "");
  setLanguage(
    await chooseLanguage({
      option: isLanguage(given) ? given : undefined,
      config: configLanguage(text),
      env,
      uiLanguage: Deno.build.os === "windows" ? windowsUiLanguage : undefined,
      intlLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    }),
  );
  if (given === undefined || isLanguage(given)) return true;
  console.error(m.cli.badLang(given));
  console.error(m.cli.badLangHint);
  return false;
}
