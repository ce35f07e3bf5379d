import type { ValidationError } from '@nestjs/common';
import type { KpiFrequency } from '../../../../events';
import type { FieldErrorCode } from '../../../../libs/initiative/src';

/** One entry of a problem's `errors`: the field, what is wrong as a code and in English, and what it takes to say it. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
  limit?: number;
  allowed?: readonly string[];
  frequency?: KpiFrequency;
}

/**
 * class-validator's constraint names as codes. A decorator whose constraint says too little by its
 * name (`matches`: an id or a period?) gives its code in its context (shared/fields.ts), as a bound
 * gives its `limit`.
 */
const CODES: Record<string, FieldErrorCode> = {
  whitelistValidation: 'unknown-field',
  isString: 'not-text',
  isNotEmpty: 'empty',
  minLength: 'empty',
  maxLength: 'too-long',
  isNumber: 'not-a-number',
  isInt: 'not-whole',
  min: 'too-small',
  max: 'too-large',
  isIn: 'not-one-of',
  isCalendarDate: 'not-a-date',
  isIso8601: 'not-an-instant',
  isArray: 'not-a-list',
  arrayNotEmpty: 'list-empty',
  arrayMaxSize: 'list-too-long',
  arrayUnique: 'list-repeats',
};

interface Context {
  code?: FieldErrorCode;
  limit?: number;
  allowed?: readonly string[];
}

/** Every constraint a value failed, nested fields named by their path (`rows.0.period`). */
export const fieldErrors = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]): FieldError => {
      const { code, limit, allowed } = (e.contexts?.[constraint] ?? {}) as Context;
      return {
        field,
        code: code ?? CODES[constraint] ?? 'invalid',
        message,
        ...(limit !== undefined && { limit }),
        ...(allowed !== undefined && { allowed }),
      };
    });
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
