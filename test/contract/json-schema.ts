/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: `nullable: true` becomes "this, or null", and
 * references into components point at one schema Ajv holds under COMPONENTS_ID. Walks schema
 * positions only (properties, items, compositions), so a property that happens to be named
 * `nullable` or `example` is left alone.
 */
export const COMPONENTS_ID = 'openapi-components';

type Schema = Record<string, unknown>;

const OPENAPI_ONLY = new Set(['nullable', 'example', 'xml', 'externalDocs', 'discriminator']);
const REF_PREFIX = '#/components/schemas/';

export const toJsonSchema = (schema: unknown): unknown => {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (OPENAPI_ONLY.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX))
      out.$ref = `${COMPONENTS_ID}#/definitions/${value.slice(REF_PREFIX.length)}`;
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (['items', 'additionalProperties', 'not'].includes(key)) out[key] = toJsonSchema(value);
    else if (['allOf', 'anyOf', 'oneOf'].includes(key) && Array.isArray(value)) out[key] = value.map(toJsonSchema);
    else out[key] = value;
  }
  return source.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
};

/** Every component schema, converted, as one schema Ajv can resolve `openapi-components#/definitions/X` in. */
export const componentsSchema = (schemas: Record<string, unknown>): Schema => ({
  $id: COMPONENTS_ID,
  definitions: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s)])),
});
