import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { explainUnknownFields } from './did-you-mean';
import { fieldsWithLoneSurrogates, loneSurrogateMessage } from './lone-surrogates';
import { Problem } from './problem';

const flatten = (errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

const invalidInput = (list: Array<{ field: string; message: string }>) =>
  new Problem(400, 'invalid-input', list.map((e) => e.message).join('; '), { errors: list });

/** What the client sent (not what a custom decorator such as @Ctx built from the request). */
const FROM_THE_CLIENT: ReadonlyArray<ArgumentMetadata['type']> = ['body', 'query', 'param'];

class RegieValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (FROM_THE_CLIENT.includes(metadata.type)) {
      const fields = fieldsWithLoneSurrogates(value, metadata.data ?? (typeof value === 'string' ? metadata.type : ''));
      if (fields.length) throw invalidInput(fields.map((field) => ({ field, message: loneSurrogateMessage(field) })));
    }
    return super.transform(value, metadata);
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
    exceptionFactory: (errors) => invalidInput(flatten(explainUnknownFields(errors))),
  });
