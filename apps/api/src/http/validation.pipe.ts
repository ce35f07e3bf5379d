import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { Problem } from './problem';

const flatten = (errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** Unknown fields are refused, not silently dropped: a typo in a field name must not lose data. */
export const regieValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new Problem(400, 'invalid-input', list.map((e) => e.message).join('; '), { errors: list });
    },
  });
