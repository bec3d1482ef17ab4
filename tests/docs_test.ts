/**
 * docs/navod.md, the admin's guide in Czech, cannot drift from the program unnoticed: every command
 * and option it names is in spojka's help, every `SPOJKA_*` variable in the code, every config key in
 * config.example.toml, its exit-code table lists exactly the codes of src/core/errors.ts, and it
 * names every command spojka has.
 *
 * @module
 */

import { deepEqual, equal } from "node:assert/strict";
import { parse } from "smol-toml";
import { ExitCode } from "../src/core/errors.ts";
import { runCli } from "./helpers/cli.ts";

const root = new URL("../", import.meta.url);

/** One paragraph, list item, table row or code block of the guide. */
interface Unit {
  /** Its text, lines joined. */
  text: string;
  /** Its inline code spans, or the lines of a code block. */
  code: string[];
}

/** Splits markdown into {@linkcode Unit}s, whole however fmt wraps them. */
function unitsOf(markdown: string): Unit[] {
  const units: Unit[] = [];
  let lines: string[] = [];
  let fence: string[] | undefined;
  const flush = () => {
    const text = lines.join(" ");
    if (text.trim()) {
      units.push({
        text,
        code: [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      });
    }
    lines = [];
  };
  for (const line of markdown.split("\n")) {
    if (line.trimStart().startsWith("```")) {
      flush();
      if (fence) units.push({ text: fence.join("\n"), code: fence });
      fence = fence ? undefined : [];
    } else if (fence) fence.push(line);
    else if (!line.trim() || /^\s*(#|\||[-*] |\d+\. )/.test(line)) {
      flush();
      lines.push(line);
    } else lines.push(line);
  }
  flush();
  return units;
}

/** A command's help: its options and its subcommands. */
interface Help {
  text: string;
  options: Set<string>;
  commands: Map<string, Help>;
}

/** Reads `spojka [path] --help`, and its subcommands' help in turn. */
async function helpOf(path: string[]): Promise<Help> {
  const { code, stdout } = await runCli([...path, "--help"]);
  equal(code, 0, `spojka ${path.join(" ")} --help`);
  const section = (name: string) => stdout.split(`${name}:\n`)[1]?.split("\n\n")[0] ?? "";
  const options = new Set(
    [...section("Options").matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]),
  );
  const names = [...section("Commands").matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]);
  // `help` takes a topic, not options: `spojka help <topic>` is checked by running it.
  const leaf: Help = { text: "", options: new Set(), commands: new Map() };
  const helps = await Promise.all(names.map((name) => name === "help" ? leaf : helpOf([...path, name])));
  const commands = new Map(names.map((name, i) => [name, helps[i]]));
  return { text: stdout, options, commands };
}

let helpTree: Promise<Help> | undefined;
const spojkaHelp = () => helpTree ??= helpOf([]);

/** Every option anywhere in spojka's help. */
function allOptions(help: Help): Set<string> {
  return new Set([...help.options, ...[...help.commands.values()].flatMap((c) => [...allOptions(c)])]);
}

/** What the guide's units name that spojka does not have, and the command paths they name. */
async function problemsIn(units: Unit[]): Promise<{ problems: string[]; named: Set<string> }> {
  const help = await spojkaHelp();
  const everyOption = allOptions(help);
  const problems: string[] = [];
  const named = new Set<string>();
  for (const code of units.flatMap((u) => u.code)) {
    // `spojka sync`, `C:\spojka\spojka.exe sync`, `"C:\spojka\spojka.exe" sync`; not spojka.key, /TN spojka /SC.
    const starts = [...code.matchAll(/(?<![\w.-])spojka(?:\.exe)?"?(?=\s)/g)];
    starts.forEach((start, i) => {
      const end = starts[i + 1]?.index ?? code.length;
      const tokens = code.slice(start.index + start[0].length, end).trim().split(/\s+/);
      const options = tokens.filter((t) => t.startsWith("--")).map((t) => t.replace(/[^a-z-]+$/, ""));
      let node = help;
      const path: string[] = [];
      if (/^[a-z][a-z-]*$/.test(tokens[0])) {
        const command = help.commands.get(tokens[0]);
        if (!command) return void problems.push(`\`${code}\`: spojka has no command ${tokens[0]}`);
        path.push(tokens[0]);
        node = command;
        if (tokens[0] === "help") {
          if (tokens[1]) named.add(`help ${tokens[1]}`);
          return;
        }
        if (node.commands.size && /^[a-z][a-z-]*$/.test(tokens[1] ?? "")) {
          const sub = node.commands.get(tokens[1]);
          if (!sub) return void problems.push(`\`${code}\`: spojka ${tokens[0]} has no command ${tokens[1]}`);
          path.push(tokens[1]);
          node = sub;
        }
      } else if (!tokens[0].startsWith("--")) return; // not an invocation: `/TN spojka /SC …`
      named.add(path.join(" "));
      for (const option of options) {
        if (!node.options.has(option) && !help.options.has(option)) {
          problems.push(`\`${code}\`: spojka ${path.join(" ")} has no option ${option}`);
        }
      }
    });
  }
  for (const unit of units) {
    for (const [option] of unit.text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
      if (!everyOption.has(option)) problems.push(`${option}: no spojka command has it`);
    }
  }
  for (const topic of [...named].filter((n) => n.startsWith("help "))) {
    const { code, stdout } = await runCli(topic.split(" "));
    const usage = help.text.split("\n")[0]; // commander answers an unknown topic with the general help
    if (code !== 0 || !stdout.trim() || stdout.includes(usage)) {
      problems.push(`spojka ${topic}: prints no topic of its own`);
    }
  }
  problems.push(...(await variableProblems(units)), ...(await configProblems(units)));
  return { problems: [...new Set(problems)], named };
}

/** `SPOJKA_*` variables the guide names that the code does not read (`SPOJKA_SMTP_*` is a prefix). */
async function variableProblems(units: Unit[]): Promise<string[]> {
  const known = new Set<string>();
  for await (const file of sourceFiles(new URL("src/", root))) {
    for (const [name] of (await Deno.readTextFile(file)).matchAll(/SPOJKA_[A-Z_]+/g)) known.add(name);
  }
  const problems: string[] = [];
  for (const unit of units) {
    for (const [name] of unit.text.matchAll(/SPOJKA_[A-Z_]+\*?/g)) {
      const ok = name.endsWith("*")
        ? [...known].some((k) => k.startsWith(name.slice(0, -1)) && k.length > name.length - 1)
        : known.has(name);
      if (!ok) problems.push(`${name}: spojka reads no such variable`);
    }
  }
  return problems;
}

/** The program's source files, tests left out. */
async function* sourceFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* sourceFiles(url);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield url;
  }
}

/** Config keys the guide names (`[pohoda] exe`, `[flowii.endpoints]`, `ico = "…"`) missing in config.example.toml. */
async function configProblems(units: Unit[]): Promise<string[]> {
  const example = parse(await Deno.readTextFile(new URL("config.example.toml", root)));
  const sections: Record<string, unknown>[] = [example];
  for (let i = 0; i < sections.length; i++) {
    for (const value of Object.values(sections[i])) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        sections.push(value as Record<string, unknown>);
      }
    }
  }
  const problems: string[] = [];
  for (const code of units.flatMap((u) => u.code)) {
    const sectioned = code.match(/^\[([a-z_.]+)\](?:\s+([a-z_]+))?/);
    const bare = code.match(/^([a-z_]+) = /);
    if (sectioned) {
      let node: unknown = example;
      for (const part of sectioned[1].split(".")) {
        node = (node as Record<string, unknown> | undefined)?.[part];
      }
      if (!node || typeof node !== "object") {
        problems.push(`\`${code}\`: config.toml has no [${sectioned[1]}]`);
      } else if (sectioned[2] && !(sectioned[2] in node)) {
        problems.push(`\`${code}\`: [${sectioned[1]}] has no key ${sectioned[2]}`);
      }
    } else if (bare && !sections.some((s) => bare[1] in s)) {
      problems.push(`\`${code}\`: config.toml has no key ${bare[1]}`);
    }
  }
  return problems;
}

const guide = await Deno.readTextFile(new URL("docs/navod.md", root));
const units = unitsOf(guide);

Deno.test("docs/navod.md names only commands, options, variables and config keys spojka has, and all of its commands", async () => {
  const { problems, named } = await problemsIn(units);
  deepEqual(problems, []);
  const help = await spojkaHelp();
  const commands = [...help.commands].filter(([name]) => name !== "help").flatMap(([name, command]) => [
    name,
    ...[...command.commands.keys()].filter((sub) => sub !== "help").map((sub) => `${name} ${sub}`),
  ]);
  deepEqual(commands.filter((c) => !named.has(c)), [], "commands the guide never shows");
});

Deno.test("docs/navod.md lists exactly spojka's exit codes", () => {
  const section = guide.split("## Návratové kódy")[1]?.split("\n## ")[0] ?? "";
  const codes = [...section.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]));
  deepEqual(codes, Object.values(ExitCode).sort((a, b) => a - b));
});
