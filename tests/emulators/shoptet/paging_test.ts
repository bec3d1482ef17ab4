import { deepEqual, equal } from "node:assert/strict";
import { paginate } from "./paging.ts";

const items = [1, 2, 3, 4, 5];

Deno.test("the maximum is the default page size and cannot be raised", () => {
  deepEqual(paginate(items, new URLSearchParams(""), 2), {
    items: [1, 2],
    paginator: { totalCount: 5, page: 1, pageCount: 3, itemsOnPage: 2, itemsPerPage: 2 },
  });
  equal(paginate(items, new URLSearchParams("itemsPerPage=100"), 2)!.paginator.itemsPerPage, 2);
  deepEqual(paginate(items, new URLSearchParams("page=3&itemsPerPage=2"), 50)!.items, [5]);
  deepEqual(paginate(items, new URLSearchParams("page=4&itemsPerPage=2"), 50)!.items, []);
});

Deno.test("non-positive page parameters are rejected", () => {
  equal(paginate(items, new URLSearchParams("page=0"), 2), undefined);
  equal(paginate(items, new URLSearchParams("itemsPerPage=x"), 2), undefined);
});
