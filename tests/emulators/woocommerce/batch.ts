/**
 * `POST products/batch` and `POST products/{id}/variations/batch`, update part only: at most 100
 * objects per request (413 `woocommerce_rest_request_entity_too_large` otherwise, as in
 * `WC_REST_Controller::check_batch_limit`), and per-item errors inside a 200 answer
 * (`{id, error: {code, message, data}}`, as in `WC_REST_Controller::batch_items`).
 *
 * The emulator is stricter than WooCommerce in one respect: an id of the wrong kind (a variation in
 * `products/batch`, or a variation of another product) is an invalid id, where WooCommerce would
 * write it anyway, possibly re-parenting the variation.
 *
 * @module
 */

import { errorResponse, type WpError, wpError } from "./errors.ts";
import { renderProduct, renderVariation } from "./render.ts";
import type { StockChange, WooItem, WooStore } from "./store.ts";

/** WooCommerce's default `woocommerce_rest_batch_items_limit`. */
export const BATCH_LIMIT = 100;

/** Which batch endpoint was called. */
export type BatchScope = { kind: "products" } | { kind: "variations"; productId: number };

/** One batch request as the emulator received and answered it. */
export interface BatchRecord {
  scope: BatchScope;
  /** The `update` array as sent. */
  update: unknown[];
  status: number;
  /** Ids whose update failed. */
  failedIds: number[];
}

/** Handles one batch request; the caller records the returned {@linkcode BatchRecord}. */
export function batchUpdate(
  store: WooStore,
  scope: BatchScope,
  body: Record<string, unknown>,
  apiBase: string,
): { response: Response; record: BatchRecord } {
  const update = Array.isArray(body.update) ? body.update : [];
  const record = (response: Response, failedIds: number[] = []) => ({
    response,
    record: { scope, update, status: response.status, failedIds },
  });
  const total = ["create", "update", "delete"].reduce(
    (sum, key) => sum + (Array.isArray(body[key]) ? (body[key] as unknown[]).length : 0),
    0,
  );
  if (total > BATCH_LIMIT) {
    return record(errorResponse(wpError(
      413,
      "woocommerce_rest_request_entity_too_large",
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
    )));
  }
  if (body.update !== undefined && !Array.isArray(body.update)) {
    return record(errorResponse(wpError(400, "rest_invalid_param", "Invalid parameter(s): update", {
      params: { update: "update is not of type array." },
    })));
  }
  if (body.create !== undefined || body.delete !== undefined) {
    return record(
      errorResponse(wpError(400, "emulator_unsupported", "The emulator only supports batch updates.")),
    );
  }

  const render = scope.kind === "products" ? renderProduct : renderVariation;
  const failedIds: number[] = [];
  const results = update.map((entry) => {
    const change = (typeof entry === "object" && entry !== null ? entry : {}) as StockChange & {
      id?: unknown;
    };
    const id = Number(change.id) || 0;
    const target = store.item(id);
    if (!target || !belongs(target, scope)) {
      failedIds.push(id);
      return { id, error: invalidId(scope) };
    }
    store.updateStock(target, change);
    return render(target, apiBase);
  });
  return record(Response.json({ update: results }), failedIds);
}

function belongs(item: WooItem, scope: BatchScope): boolean {
  return scope.kind === "products" ? item.parentId === 0 : item.parentId === scope.productId;
}

/** The error of `update_item` for an id it cannot load. */
function invalidId(scope: BatchScope): WpError {
  const postType = scope.kind === "products" ? "product" : "product_variation";
  return wpError(400, `woocommerce_rest_${postType}_invalid_id`, "Invalid ID.");
}
