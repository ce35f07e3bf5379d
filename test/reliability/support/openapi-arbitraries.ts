import fc from 'fast-check';

/** The part of an OpenAPI 3 schema the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export type Components = Record<string, Schema>;

export const resolve = (schema: Schema, components: Components): Schema => {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!] ?? {}, components);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0], components);
  return schema;
};

// Odd text: lone surrogates, bidi controls, NUL, combining marks, emoji, very long strings.
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\udfff x', '\u202e\u2066', 'e\u0301\u0301\u0301', '🙂'.repeat(50), '%ff', '{{7*7}}', '<script>', "' OR 1=1 --"),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const prototypeKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddText, fc.constant(null));
const nested = fc.integer({ min: 10, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown);

/** A value for one field: usually of its type near its bounds, sometimes of any type. */
const valueFor = (schema: Schema, components: Components, depth: number): fc.Arbitrary<unknown> => {
  const s = resolve(schema, components);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueFor(a, components, depth)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const typed: fc.Arbitrary<unknown> = (() => {
    if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), oddText);
    switch (type) {
      case 'string': {
        const max = s.maxLength ?? 2_000;
        return fc.oneof(
          oddText,
          fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), 'x'.repeat(Math.max(0, (s.minLength ?? 0) - 1))),
          ...(s.format === 'date' ? [fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '2026-1-1')] : []),
        );
      }
      case 'integer':
      case 'number': {
        const edges = [s.minimum, s.maximum].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n, n + 1]);
        return fc.oneof(
          fc.constantFrom(0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, ...edges),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer(),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 2 ? fc.constant([]) : fc.array(valueFor(s.items ?? {}, components, depth + 1), { maxLength: Math.min(5, (s.maxItems ?? 4) + 1) });
      case 'object':
        return depth > 2 ? fc.constant({}) : bodyFor(s, components, depth + 1);
      default:
        return anyJson;
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: nested });
};

/**
 * A request body derived from the schema, as JSON text (so that `__proto__` can be a key): its
 * fields mostly present with odd values, some dropped, some unknown or prototype keys added; or,
 * now and then, no object at all.
 */
export const bodyFor = (schema: Schema, components: Components, depth = 0): fc.Arbitrary<Record<string, unknown>> => {
  const s = resolve(schema, components);
  const fields = Object.entries(s.properties ?? {});
  const record = fc.record(Object.fromEntries(fields.map(([name, field]) => [name, valueFor(field, components, depth)])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.oneof(prototypeKeys, fc.string({ maxLength: 12 })), anyJson, { maxKeys: 3 });
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
};

/** JSON text for a body, keeping `__proto__` as an own key (JSON.stringify of a literal would drop it). */
export const bodyText = fc.oneof(
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'null', '[]', '"text"', '{"__proto__":{"roles":["admin"]}}', '{"a":1,"a":2}', '\ufeff{}') },
);

// Query strings stay under Node's 16 KiB request-head limit: beyond it Node itself answers 431 before any of the app runs.
export const queryValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.integer({ min: 100, max: 4_000 }).map((n) => 'q'.repeat(n)),
  fc.constantFrom('-1', '1e9', 'NaN', 'true', '[]', '%00', 'a&b=c', '\ud800', '2026-02-30', '', ' '),
);
