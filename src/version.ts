/**
 * The program's version, from deno.json.
 *
 * @module
 */

import meta from "../deno.json" with { type: "json" };

/** The version printed by `--version` and sent to POHODA in each pack's note. */
export const VERSION: string = meta.version;
