/**
 * Shoptet paging: `page` (from 1) and `itemsPerPage`, which can only lower the endpoint's maximum,
 * answered with a `paginator` object (OpenAPI "Paging" and `paginator` schema).
 *
 * @module
 */

/** The `paginator` member of a paged answer. */
export interface Paginator {
  totalCount: number;
  page: number;
  pageCount: number;
  itemsOnPage: number;
  itemsPerPage: number;
}

/** A page of items, or `undefined` when `page`/`itemsPerPage` are not positive integers. */
export function paginate<T>(
  items: T[],
  params: URLSearchParams,
  maxItemsPerPage: number,
): { items: T[]; paginator: Paginator } | undefined {
  const page = positive(params.get("page") ?? "1");
  const requested = positive(params.get("itemsPerPage") ?? String(maxItemsPerPage));
  if (page === undefined || requested === undefined) return undefined;
  // "The number of items per page can be decreased only, the default value is maximum."
  const itemsPerPage = Math.min(requested, maxItemsPerPage);
  const slice = items.slice((page - 1) * itemsPerPage, page * itemsPerPage);
  return {
    items: slice,
    paginator: {
      totalCount: items.length,
      page,
      pageCount: Math.ceil(items.length / itemsPerPage),
      itemsOnPage: slice.length,
      itemsPerPage,
    },
  };
}

function positive(value: string): number | undefined {
  return /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}
