/**
 * `PATCH /api/stocks/{stockId}/movements` (OpenAPI "Update quantity in stock"): each item is a
 * `productCode` with exactly one of `amountChange`, `quantity`, `realStock`; at most 300 items.
 * Skipped items are listed in `errors` with 200; when every item fails the answer is 400.
 *
 * @module
 */

import { failure, type ShoptetError, success } from "./envelope.ts";
import type { Movement, MovementError, ShoptetStore } from "./store.ts";

/** "max. 300 products/variants" per call. */
export const MAX_MOVEMENTS = 300;

const AMOUNT_KEYS = ["amountChange", "quantity", "realStock"] as const;

/** One movements request as the emulator received and answered it. */
export interface MovementRecord {
  stockId: number;
  /** The `data` array as sent (whatever its shape). */
  data: unknown;
  status: number;
  errors: ShoptetError[] | null;
}

/** Validates and applies one movements request. */
export function patchMovements(store: ShoptetStore, stockId: number, body: unknown): Response {
  if (!store.hasStock(stockId)) {
    return failure(404, [{
      errorCode: "stock-not-found",
      message: `Stock "${stockId}" not found.`,
      instance: String(stockId),
    }]);
  }
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return invalid("payload", 'The property "data" must be an array.');
  if (data.length > MAX_MOVEMENTS) {
    // The general rule for bulk writes ("Status codes", 413): over the limit, nothing is updated.
    return failure(413, [{
      errorCode: "payload-too-large",
      message: `Expected max. ${MAX_MOVEMENTS} elements, but ${data.length} given.`,
      instance: "data",
    }]);
  }
  for (const [i, item] of data.entries()) {
    const problem = schemaProblem(item);
    if (problem) return invalid(`data[${i}]`, problem);
  }

  const errors = (data as Movement[]).flatMap((movement) => {
    const error = store.apply(stockId, movement);
    return error ? [describe(error, movement.productCode)] : [];
  });
  if (errors.length > 0 && errors.length === data.length) return failure(400, errors);
  return success(null, errors.length > 0 ? errors : null);
}

/** Why an item does not match the request schema (`oneOf`, `additionalProperties: false`). */
function schemaProblem(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "Item must be an object.";
  const record = item as Record<string, unknown>;
  if (typeof record.productCode !== "string" || record.productCode === "") {
    return 'The property "productCode" is required.';
  }
  const present = AMOUNT_KEYS.filter((key) => key in record);
  if (present.length !== 1) {
    return `Exactly one of ${AMOUNT_KEYS.join(", ")} is required, ${present.length} given.`;
  }
  const value = record[present[0]];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return `The property "${present[0]}" must be a number.`;
  }
  const extra = Object.keys(record).find((key) => key !== "productCode" && key !== present[0]);
  return extra
    ? `The property "${extra}" is not defined and the definition does not allow additional properties.`
    : undefined;
}

function invalid(instance: string, message: string): Response {
  return failure(422, [{ errorCode: "invalid-request-data", message, instance }]);
}

function describe(error: MovementError, code: string): ShoptetError {
  const message = error === "unknown-product"
    ? `Product "${code}" does not exist. Skipped.`
    : `Stock change not allowed for product set "${code}". Skipped.`;
  return { errorCode: error, message, instance: code };
}
