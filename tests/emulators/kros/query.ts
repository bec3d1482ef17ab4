/**
 * Validates the query string of `GET /api/catalog-items` the way an ASP.NET Core API does: keys are
 * case-insensitive, bad values yield per-parameter validation messages.
 *
 * @module
 */

import { integerParam } from "../params.ts";
import type { CatalogQuery } from "./catalog.ts";

/** Page size when `Top` is absent (reference §A4). */
export const DEFAULT_TOP = 50;
/** Largest accepted `Top`; more is a 400 (reference §A4). */
export const MAX_TOP = 100;

/** Either a valid query or validation messages keyed by parameter name. */
export type ParsedQuery = { ok: true; query: CatalogQuery } | { ok: false; errors: Record<string, string[]> };

/** Parses and validates `Top`, `Skip`, `ItemCode`, `OnlyMarkedForEshop` and `CatalogItemChangedTimestamp`. */
export function parseCatalogQuery(params: URLSearchParams): ParsedQuery {
  const get = caseInsensitive(params);
  const errors: Record<string, string[]> = {};
  const fail = (name: string, message: string) => (errors[name] ??= []).push(message);

  const top = integerParam(get("Top"), DEFAULT_TOP);
  if (top === undefined || top < 1 || top > MAX_TOP) {
    fail("Top", `The field Top must be between 1 and ${MAX_TOP}.`);
  }
  const skip = integerParam(get("Skip"), 0);
  if (skip === undefined || skip < 0) fail("Skip", "The field Skip must be a non-negative integer.");

  const onlyMarked = get("OnlyMarkedForEshop");
  if (onlyMarked !== undefined && !/^(true|false)$/i.test(onlyMarked)) {
    fail("OnlyMarkedForEshop", `The value '${onlyMarked}' is not valid.`);
  }

  const changed = get("CatalogItemChangedTimestamp");
  // KROS documents `YYYY-MM-DDTHH:MM:SS` without a zone; the emulator reads it as UTC.
  const changedSince = changed === undefined
    ? undefined
    : new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(changed) ? changed : `${changed}Z`);
  if (changedSince && Number.isNaN(changedSince.getTime())) {
    fail("CatalogItemChangedTimestamp", `The value '${changed}' is not valid.`);
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    query: {
      top: top!,
      skip: skip!,
      itemCode: get("ItemCode"),
      onlyMarkedForEshop: onlyMarked === undefined ? undefined : onlyMarked.toLowerCase() === "true",
      changedSince,
    },
  };
}

function caseInsensitive(params: URLSearchParams): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of params) if (!lower.has(key.toLowerCase())) lower.set(key.toLowerCase(), value);
  return (name) => lower.get(name.toLowerCase());
}
