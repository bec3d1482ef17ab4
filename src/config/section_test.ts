import { equal, throws } from "node:assert/strict";
import { z } from "zod";
import { checkAnswer } from "./questions.ts";
import { questionsOf, type SectionQuestion } from "./section.ts";

const schema = z.strictObject({
  host: z.string().regex(/^[a-z.]+$/, { error: () => "letters and dots" }).optional(),
  port: z.coerce.number<string>().int().min(1).default(25),
});

const asked = (questions: SectionQuestion<typeof schema>[]) =>
  questionsOf({ name: "mail", schema, questions });

Deno.test("a section's question is asked in that section, its answer checked as the section checks its key", () => {
  const [host, port] = asked([
    { key: "host", label: () => "Host", env: "SPOJKA_HOST" },
    { key: "port", label: () => "Port", env: "SPOJKA_PORT" },
  ]);
  equal(host.section, "mail");
  equal(checkAnswer(host, "mail.example", {}), undefined);
  equal(checkAnswer(host, "mail_example", {}), "letters and dots");
  equal(checkAnswer(port, "587", {}), undefined);
  equal(typeof checkAnswer(port, "0", {}), "string");
});

Deno.test("a question with a schema of its own is checked by it, not by its key's", () => {
  const [host] = asked([{ key: "host", label: () => "Host", env: "SPOJKA_HOST", schema: z.string().trim() }]);
  equal(host.section, "mail");
  equal(checkAnswer(host, "mail_example", {}), undefined);
});

Deno.test("a question for a key its section does not have must bring its schema", () => {
  const questions = [{ key: "user", label: () => "User", env: "SPOJKA_USER" }] as SectionQuestion[];
  throws(() => questionsOf({ name: "mail", schema, questions }), /\[mail\] has no key user/);
});
