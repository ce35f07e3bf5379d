import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

// Shapes are checked here, at the edge, so a malformed request is a 400 naming the field; the
// decider checks them again for callers that are not HTTP (CLI, demo, sagas) and owns every rule.

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_MESSAGE = '$property must be an id: 1 to 100 letters, digits, dots, colons, dashes or underscores';

/** An id another command handed out (a partner's, a desired effect's …). */
export const Id = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: String, pattern: ID_PATTERN.source, ...options }),
    IsString({ message: '$property must be a string' }),
    Matches(ID_PATTERN, { message: ID_MESSAGE, context: { code: 'not-an-id' } }),
  );

/** A non-empty list of distinct ids, at most `max`. */
export const IdList = (max: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: [String], minItems: 1, maxItems: max, uniqueItems: true, ...options }),
    IsArray({ message: '$property must be a list' }),
    ArrayNotEmpty({ message: '$property must name at least one' }),
    ArrayMaxSize(max, { message: `$property may hold at most ${max} ids`, context: { limit: max } }),
    ArrayUnique({ message: '$property must not name an id twice' }),
    IsString({ each: true, message: 'each of $property must be a string' }),
    Matches(ID_PATTERN, { each: true, message: `each of ${ID_MESSAGE}`, context: { code: 'not-an-id' } }),
  );

/** A non-empty list of short free texts, each trimmed and non-empty. */
export const TextList = (maxItems: number, maxLength: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: [String], minItems: 1, maxItems: maxItems, items: { type: 'string', minLength: 1, maxLength }, ...options }),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value)),
    IsArray({ message: '$property must be a list' }),
    ArrayNotEmpty({ message: '$property must hold at least one item' }),
    ArrayMaxSize(maxItems, { message: `$property may hold at most ${maxItems} items`, context: { limit: maxItems } }),
    IsString({ each: true, message: 'each of $property must be a string' }),
    IsNotEmpty({ each: true, message: 'no item of $property may be empty' }),
    MaxLength(maxLength, { each: true, message: `each of $property must be at most ${maxLength} characters`, context: { limit: maxLength } }),
  );

/** A value from a closed word list. */
export const OneOf = (values: readonly string[], options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ enum: values, ...options }),
    IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}`, context: { allowed: values } }),
  );

export const OptionalOneOf = (values: readonly string[], options: ApiPropertyOptions = {}) =>
  applyDecorators(IsOptional(), OneOf(values, { required: false, ...options } as ApiPropertyOptions));

/** A finite JSON number (1e999 parses as Infinity and is refused). */
export const FiniteNumber = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: Number, ...options }),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' }),
  );

/** A whole number within [min, max]. */
export const WholeNumber = (min: number, max: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: Number, minimum: min, maximum: max, ...options }),
    IsInt({ message: '$property must be a whole number' }),
    Min(min, { context: { limit: min } }),
    Max(max, { context: { limit: max } }),
  );

/** YYYY-MM-DD and a day that exists (2025-02-30 does not). */
export const isCalendarDate = (value: unknown): boolean => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a date written YYYY-MM-DD' } }, options);

export const IsoDate = (options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiProperty({ type: String, format: 'date', example: '2025-09-30', ...options }), IsCalendarDate());

export const OptionalIsoDate = (options: ApiPropertyOptions = {}) =>
  applyDecorators(IsOptional(), IsoDate({ required: false, ...options } as ApiPropertyOptions));

/** KPI periods: YYYY (yearly), YYYY-Qn (quarterly), YYYY-MM (monthly); whether it fits the KPI is the decider's call. */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
export const Period = () =>
  applyDecorators(
    ApiProperty({ type: String, pattern: PERIOD_PATTERN.source, example: '2025-Q3', description: 'YYYY, YYYY-Qn or YYYY-MM, matching the KPI frequency' }),
    IsString({ message: '$property must be a string' }),
    Matches(PERIOD_PATTERN, { message: '$property must be a period: YYYY, YYYY-Qn or YYYY-MM', context: { code: 'not-a-period' } }),
  );
