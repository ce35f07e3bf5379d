import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Every setting Regie reads, with its default. README's configuration table mirrors this class. */
export class Environment {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @MinLength(1)
  DATA_DIR = './data';

  @IsIn(['sqlite', 'postgres', 'eventstoredb'])
  EVENT_STORE = 'sqlite';

  @IsIn(['sqlite', 'postgres'])
  READ_STORE = 'sqlite';

  @IsOptional() @IsString()
  DATABASE_URL?: string;

  @IsOptional() @IsString()
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'AUTH_SECRET must be at least 32 characters' })
  AUTH_SECRET?: string;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_JWKS_URL?: string;

  @IsOptional() @IsString()
  AUTH_ISSUER?: string;

  @IsOptional() @IsString()
  AUTH_AUDIENCE?: string;

  @Transform(toInt) @IsInt() @Min(0)
  RATE_LIMIT_PER_MINUTE = 1200;

  @Transform(toInt) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;
}

export class InvalidConfiguration extends Error {
  override readonly name = 'InvalidConfiguration';
}

/** Validates process.env; a bad setting stops the start with a message naming it. */
export const validateEnvironment = (raw: Record<string, unknown>): Environment => {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false, whitelist: false })
    .flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (got ${JSON.stringify(raw[e.property])})`));
  if (env.EVENT_STORE === 'postgres' || env.READ_STORE === 'postgres') {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL: required when EVENT_STORE or READ_STORE is postgres');
  }
  if (env.EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb');
  }
  if (env.AUTH_JWKS_URL && !(env.AUTH_ISSUER && env.AUTH_AUDIENCE)) {
    problems.push('AUTH_ISSUER and AUTH_AUDIENCE: required with AUTH_JWKS_URL');
  }
  if (problems.length) throw new InvalidConfiguration(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
};
