import type { ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/** Optimal string alignment distance: edits, with a swap of two neighbours counting once (titel → title). */
const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
};

const knownFields = (target: object | undefined): string[] => {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
};

/** The known field an unknown one was probably meant to be: close in spelling, or the same but for case. */
export const closestField = (unknown: string, known: readonly string[]): string | null => {
  let best: { field: string; d: number } | null = null;
  for (const field of known) {
    const d = distance(unknown.toLowerCase(), field.toLowerCase());
    if (!best || d < best.d) best = { field, d };
  }
  if (!best) return null;
  // Short names need a close match; a longer one may carry two or three slips (naam → name, probleemArea → problemArea).
  const allowed = best.field.length <= 3 ? 1 : best.field.length <= 8 ? 2 : 3;
  return best.d <= allowed ? best.field : null;
};

/**
 * Unknown fields named with what they were probably meant to be, and without the messages about
 * that field being missing, which only repeat the same mistake (`titel` sent, so `title` is missing).
 */
export const explainUnknownFields = (errors: ValidationError[]): ValidationError[] => {
  const explained: ValidationError[] = [];
  const meant = new Set<string>();
  for (const error of errors) {
    if (!error.constraints?.whitelistValidation) continue;
    const candidate = closestField(error.property, knownFields(error.target));
    const sentToo = candidate !== null && errors.some((e) => e.property === candidate && e.value !== undefined);
    if (candidate && !sentToo) {
      meant.add(candidate);
      explained.push({ ...error, constraints: { whitelistValidation: `unknown field '${error.property}': did you mean '${candidate}'?` } });
    } else {
      explained.push(error);
    }
  }
  const rest = errors.filter((e) => !e.constraints?.whitelistValidation && !(meant.has(e.property) && e.value === undefined));
  return [...explained, ...rest];
};
