import { krosWooCommerce } from "./stock_worlds.ts";
import { connectorSuite } from "./suite.ts";

connectorSuite(krosWooCommerce);
