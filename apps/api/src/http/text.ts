import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Free text as every command takes it: trimmed, not empty, bounded. */
export const Text = (maxLength = 2000, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: String, maxLength, minLength: 1, ...options }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(maxLength, { context: { limit: maxLength } }),
  );

export const OptionalText = (maxLength = 2000, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiProperty({ type: String, maxLength, required: false, ...options } as ApiPropertyOptions),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty when given' }),
    MaxLength(maxLength, { context: { limit: maxLength } }),
  );
