/**
 * WP REST collection paging (WooCommerce REST docs, "Pagination"): `per_page` (default 10, at most
 * 100) and `page`, answered with `X-WP-Total`, `X-WP-TotalPages` and a `Link` header.
 *
 * @module
 */

import { integerParam } from "../params.ts";
import { errorResponse, wpError } from "./errors.ts";

/** Default page size of WooCommerce collections. */
export const DEFAULT_PER_PAGE = 10;
/** Largest `per_page` WordPress accepts. */
export const MAX_PER_PAGE = 100;

/** One page of `items` with its headers, or the 400 for invalid paging parameters. */
export function paginate<T>(
  items: T[],
  url: URL,
): { items: T[]; headers: Record<string, string> } | Response {
  const perPage = integerParam(url.searchParams.get("per_page"), DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) {
    return invalid("per_page", `per_page must be between 1 (inclusive) and ${MAX_PER_PAGE} (inclusive)`);
  }
  const page = integerParam(url.searchParams.get("page"), 1);
  if (page === undefined || page < 1) return invalid("page", "page must be greater than or equal to 1");

  const totalPages = Math.ceil(items.length / perPage);
  const headers: Record<string, string> = {
    "X-WP-Total": String(items.length),
    "X-WP-TotalPages": String(totalPages),
  };
  const link = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return `<${target}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 && page <= totalPages + 1 ? [link(page - 1, "prev")] : []),
    ...(page < totalPages ? [link(page + 1, "next")] : []),
  ];
  if (links.length > 0) headers["Link"] = links.join(", ");
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

function invalid(param: string, reason: string): Response {
  return errorResponse(
    wpError(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, { params: { [param]: reason } }),
  );
}
