import { hasLoneSurrogate } from '../../../../libs/initiative/src';

export const loneSurrogateMessage = (field: string): string =>
  `${field} holds a lone UTF-16 surrogate (such as \\ud800 without its pair), which is not text any UTF-8 reader can take: send well-formed Unicode`;

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

/**
 * The paths (`summary`, `purposes.1`) of the strings in `value` that hold a lone surrogate. JSON
 * lets a client write one as an escape; stored, it makes the history and the export unreadable
 * to strict JSON readers such as jq. Walks with its own stack, so no depth can overflow it, and
 * builds a path only for what it must visit or report: a body of 300,000 numbers costs a few ms.
 */
export const fieldsWithLoneSurrogates = (value: unknown, root: string): string[] => {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? [root] : [];
  const found: string[] = [];
  const stack: Array<[Record<string | number, unknown>, string]> =
    value !== null && typeof value === 'object' ? [[value as Record<string, unknown>, root]] : [];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    const keys: Array<string | number> = Array.isArray(node) ? [] : Object.keys(node);
    const count = Array.isArray(node) ? node.length : keys.length;
    for (let i = 0; i < count; i++) {
      const key = Array.isArray(node) ? i : keys[i];
      const child = node[key];
      if (typeof child === 'string') {
        if (hasLoneSurrogate(child)) found.push(join(path, key));
      } else if (child !== null && typeof child === 'object') {
        stack.push([child as Record<string, unknown>, join(path, key)]);
      }
    }
  }
  return found;
};
