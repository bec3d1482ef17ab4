import { flowiiXmlFolder } from "./pohoda_worlds.ts";
import { connectorSuite } from "./suite.ts";

connectorSuite(flowiiXmlFolder);
