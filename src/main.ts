/**
 * spojka: moves data between cloud invoicing, e-shops and STORMWARE POHODA.
 *
 * @module
 */

import { run } from "./cli/program.ts";

if (import.meta.main) Deno.exit(await run(Deno.args));
