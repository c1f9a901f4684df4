import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decorate, loadExamples } from '../openapi/decorate';
import { dropUnreferencedSchemas, hoistSchemas, hoistRequestBodies, rewriteRefs } from '../openapi/hoist';
import { OPENAPI_DIR } from '../paths';

/**
 * The served OpenAPI document: openapi/openapi.json with every schema of schemas/ (and each
 * of their $defs) the operations use hoisted into components.schemas, so the same files validate requests (ajv)
 * and document them; examples from openapi/examples/, and the headers every response carries.
 */
export function bundleOpenApi(schemaDocuments: ReadonlyMap<string, Record<string, unknown>>): Record<string, unknown> {
  const source = JSON.parse(readFileSync(join(OPENAPI_DIR, 'openapi.json'), 'utf8')) as Record<string, unknown>;
  const doc = rewriteRefs(source, undefined) as Record<string, any>;
  const components = (doc.components ?? {}) as Record<string, unknown>;
  doc.components = { ...components, schemas: { ...((components.schemas as object) ?? {}), ...hoistSchemas(schemaDocuments) } };
  decorate(doc, loadExamples(join(OPENAPI_DIR, 'examples')));
  hoistRequestBodies(doc);
  dropUnreferencedSchemas(doc);
  return doc;
}
