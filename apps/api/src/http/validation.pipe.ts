import { type ArgumentMetadata, type Type, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { explainUnknownFields } from './did-you-mean';
import { type FieldError, fieldErrors } from './field-errors';
import { fieldsWithLoneSurrogates, loneSurrogateMessage } from './lone-surrogates';
import { Problem } from './problem';

const invalidInput = (list: FieldError[]) => new Problem(400, 'invalid-input', list.map((e) => e.message).join('; '), { errors: list });

/** What the client sent (not what a custom decorator such as @Ctx built from the request). */
const FROM_THE_CLIENT: ReadonlyArray<ArgumentMetadata['type']> = ['body', 'query', 'param'];

/**
 * Own keys that every object also inherits (`toString`, `constructor`, `valueOf`, `hasOwnProperty`…).
 * class-transformer skips a key whose name is already a function on the instance, and Nest strips
 * `constructor`, so class-validator's unknown-field check never sees them and they would be dropped
 * without a word. No DTO nests another, so a nested object is refused whole by its field's type.
 */
const inheritedMemberKeys = (value: unknown): string[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).filter((key) => key in Object.prototype) : [];

class RegieValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (FROM_THE_CLIENT.includes(metadata.type)) {
      const fields = fieldsWithLoneSurrogates(value, metadata.data ?? (typeof value === 'string' ? metadata.type : ''));
      if (fields.length) throw invalidInput(fields.map((field) => ({ field, code: 'malformed-text', message: loneSurrogateMessage(field) })));
      const inherited = inheritedMemberKeys(value);
      if (inherited.length && metadata.metatype && this.toValidate(metadata)) {
        throw await this.exceptionFactory(await this.unknownWithTheRest(value as Record<string, unknown>, inherited, metadata.metatype));
      }
    }
    return super.transform(value, metadata);
  }

  /** The inherited-name keys as the unknown fields they are, beside what validating the rest finds: one answer names every mistake. */
  private async unknownWithTheRest(value: Record<string, unknown>, inherited: string[], metatype: Type<unknown>): Promise<ValidationError[]> {
    const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !inherited.includes(key)));
    const entity = plainToInstance(metatype, rest, this.transformOptions) as object;
    const unknown = inherited.map((property): ValidationError => ({
      property,
      value: value[property],
      target: entity,
      children: [],
      constraints: { whitelistValidation: `property ${property} should not exist` },
    }));
    return [...unknown, ...(await this.validate(entity, this.validatorOptions))];
  }
}

/** Unknown fields are refused, not silently dropped: a typo in a field name must not lose data. */
export const regieValidationPipe = () =>
  new RegieValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The DTO's class (for its known fields) and the values sent travel with each error, for did-you-mean.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => invalidInput(fieldErrors(explainUnknownFields(errors))),
  });
