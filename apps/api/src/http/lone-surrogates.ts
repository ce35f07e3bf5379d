import { hasLoneSurrogate } from '../../../../libs/initiative/src';

export const loneSurrogateMessage = (field: string): string =>
  `${field} holds a lone UTF-16 surrogate (such as \\ud800 without its pair), which is not text any UTF-8 reader can take: send well-formed Unicode`;

/**
 * The paths (`summary`, `purposes.1`) of the strings in `value` that hold a lone surrogate. JSON
 * lets a client write one as an escape; stored, it makes the history and the export unreadable
 * to strict JSON readers such as jq. Walks with its own stack, so no depth can overflow it.
 */
export const fieldsWithLoneSurrogates = (value: unknown, root: string): string[] => {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (hasLoneSurrogate(item)) found.push(path);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return found.reverse();
};
