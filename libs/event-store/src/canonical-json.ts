/**
 * JSON with object keys sorted at every depth, so the same content always hashes the same.
 * It describes what JSON.stringify stores: a value's toJSON (a Date, say) is applied first, so an
 * event hashes as the text that is kept and read back, not as the object that was handed in.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value, ''));

const sortKeys = (input: unknown, key: string): unknown => {
  const value = hasToJson(input) ? input.toJSON(key) : input;
  if (Array.isArray(value)) return value.map((item, i) => sortKeys(item, String(i)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v, k);
    }
    return out;
  }
  return value;
};

const hasToJson = (value: unknown): value is { toJSON(key: string): unknown } =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
