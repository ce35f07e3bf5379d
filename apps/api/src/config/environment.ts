import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** One message per setting, whichever of its checks failed first. */
const says = (message: string) => ({ message });
const wholeNumber = (from: number, to?: number) =>
  says(to === undefined ? `must be a whole number >= ${from}` : `must be a whole number from ${from} to ${to}`);
const oneOf = (values: string[]) => says(`must be one of ${values.join(', ')}`);

const TRUST_PROXY_FORMS = 'must be false, true, or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.1,10.1.0.0/16)';
// Fastify 5.12 dropped the hop-count form (GHSA-3m5p-2c4r-xxw2): a count trusts whoever connects,
// so a client that reaches the API directly picks its own address. Refusing it at start beats
// Fastify's silent "trust nobody", under which every client behind the proxy shares one rate limit.
const TRUST_PROXY_HOPS =
  'a number of proxy hops is not accepted, since it would believe a client that connects directly; name the proxies (addresses or CIDRs, e.g. 10.0.0.1,10.1.0.0/16)';

/** Settings whose value must never appear in a message or a log: keys, and URLs that may carry a password. */
const SECRET_SETTINGS = new Set(['AUTH_SECRET', 'DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'METRICS_TOKEN', 'ACCESS_LOG_KEY', 'DATA_KEY_SECRET']);

/** Every setting Regie reads, with its default. README's configuration table mirrors this class. */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], oneOf(['development', 'production', 'test']))
  NODE_ENV?: string;

  @Transform(toInt)
  @IsInt(wholeNumber(0, 65535))
  @Min(0, wholeNumber(0, 65535))
  @Max(65535, wholeNumber(0, 65535))
  PORT = 3000;

  @IsString(says('must be a folder path'))
  @MinLength(1, says('must be a folder path'))
  DATA_DIR = './data';

  @IsIn(['sqlite', 'postgres', 'eventstoredb'], oneOf(['sqlite', 'postgres', 'eventstoredb']))
  EVENT_STORE: 'sqlite' | 'postgres' | 'eventstoredb' = 'sqlite';

  @IsIn(['sqlite', 'postgres'], oneOf(['sqlite', 'postgres']))
  READ_STORE: 'sqlite' | 'postgres' = 'sqlite';

  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @IsString(says('must be at least 32 characters'))
  @MinLength(32, says('must be at least 32 characters'))
  AUTH_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, says('must be a URL with its protocol, e.g. https://login.example.org/jwks'))
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  /** The bearer token a metrics scraper sends to GET /metrics; without it only an admin's token opens it. */
  @IsOptional()
  @IsString(says('must be at least 32 characters'))
  @MinLength(32, says('must be at least 32 characters'))
  METRICS_TOKEN?: string;

  /** The web app's OpenID Connect sign-in (authorization code + PKCE), with AUTH_JWKS_URL. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  /** The provider's issuer URL, where its discovery document lives; AUTH_ISSUER when not set. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, says('must be a URL with its protocol, e.g. https://login.example.org/realms/regie'))
  OIDC_AUTHORITY?: string;

  @IsString()
  OIDC_SCOPE = 'openid';

  @Transform(toInt)
  @IsInt(wholeNumber(0))
  @Min(0, wholeNumber(0))
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Initiatives whose folded state the write side keeps between commands (0: none, every command folds the whole stream). */
  @Transform(toInt)
  @IsInt(wholeNumber(0))
  @Min(0, wholeNumber(0))
  STATE_CACHE_SIZE = 2000;

  /**
   * On the embedded stores: with PROJECTIONS_THREAD=catch-up, a projection this far behind the log
   * catches up on a second thread; with follow, the portfolio joins that thread only from a start
   * less than this far behind. 0: no second thread in either mode.
   */
  @Transform(toInt)
  @IsInt(wholeNumber(0))
  @Min(0, wholeNumber(0))
  CATCH_UP_THREAD_MIN_EVENTS = 100_000;

  /**
   * What the second thread does with the projections (never the KPI saga) on the embedded stores:
   * `follow` feeds them there from the start, for good, so a command's projection writes leave the
   * event loop, for a second heap that stays (the portfolio only from a start less than
   * CATCH_UP_THREAD_MIN_EVENTS behind); `catch-up` catches up all but the portfolio there while that
   * far behind, then the main thread follows the log. See docs/operations.md.
   */
  @IsIn(['catch-up', 'follow'], oneOf(['catch-up', 'follow']))
  PROJECTIONS_THREAD: 'catch-up' | 'follow' = 'follow';

  /**
   * With PROJECTIONS_THREAD=follow: the thread takes its next batch this long after the last, so a
   * batch holds the commands of those milliseconds, not one each. A read with `?minPosition=` does
   * not wait for it. 0: a batch as soon as anything is appended.
   */
  @Transform(toInt)
  @IsInt(wholeNumber(0))
  @Min(0, wholeNumber(0))
  PROJECTIONS_FOLLOW_GAP_MS = 20;

  @Transform(toInt)
  @IsInt(wholeNumber(1024))
  @Min(1024, wholeNumber(1024))
  BODY_LIMIT_BYTES = 1_048_576;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
  LOG_LEVEL = 'info';

  // 0 would give in-flight requests no time at all: every SIGTERM would end in a forced exit 1.
  @Transform(toInt)
  @IsInt(says('must be a whole number of milliseconds >= 1'))
  @Min(1, says('must be a whole number of milliseconds >= 1'))
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * Whom to believe about the client's address (X-Forwarded-For), which the per-address rate limit
   * keys on: `false` (nobody: the default, since any client can send that header), `true` (every
   * hop), or a comma-separated list of proxy addresses / CIDRs.
   */
  @IsString(says(TRUST_PROXY_FORMS))
  TRUST_PROXY = 'false';

  /** The access log of reads (NEN 7513): `on`, or `off` only to measure what it costs (bench). */
  @IsIn(['on', 'off'], oneOf(['on', 'off']))
  ACCESS_LOG = 'on';

  /** Whole days of the access log older than this many months are pruned, leaving a signed head. */
  @Transform(toInt)
  @IsInt(wholeNumber(1))
  @Min(1, wholeNumber(1))
  ACCESS_LOG_RETENTION_MONTHS = 60;

  /** How long a read's log entry may wait in memory before its batch is written (100 entries write at once). */
  @Transform(toInt)
  @IsInt(says('must be a whole number of milliseconds >= 1'))
  @Min(1, says('must be a whole number of milliseconds >= 1'))
  ACCESS_LOG_FLUSH_MS = 200;

  /** The HMAC key of the access log's segment heads; instances sharing a PostgreSQL read store must share it. Default: generated into DATA_DIR. */
  @IsOptional()
  @IsString(says('must be at least 32 characters'))
  @MinLength(32, says('must be at least 32 characters'))
  ACCESS_LOG_KEY?: string;

  /** The master key that wraps the initiatives' data keys; instances sharing a log must share it. Default: generated into DATA_DIR. */
  @IsOptional()
  @IsString(says('must be at least 32 characters'))
  @MinLength(32, says('must be at least 32 characters'))
  DATA_KEY_SECRET?: string;

  /** How often free text whose covenant retention ran out is erased; 0 turns the sweep off. */
  @Transform(toInt)
  @IsInt(says('must be a whole number of milliseconds >= 0'))
  @Min(0, says('must be a whole number of milliseconds >= 0'))
  ERASURE_SWEEP_MS = 3_600_000;
}

/** TRUST_PROXY as Fastify's trustProxy option; null when it is none of the accepted forms. */
export const trustProxySetting = (value: string): boolean | string[] | null => {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '') return false;
  if (text === 'true') return true;
  const entries = text.split(',').map((e) => e.trim());
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const valid = entries.every((e) => {
    if (named.has(e)) return true;
    const [address, bits, ...rest] = e.split('/');
    if (rest.length || !isIP(address)) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
  });
  return valid ? entries : null;
};

export class InvalidConfiguration extends Error {
  override readonly name = 'InvalidConfiguration';
}

const shown = (name: string, value: unknown): string => {
  if (!SECRET_SETTINGS.has(name) || value === undefined) return JSON.stringify(value);
  return `${(typeof value === 'string' ? value : JSON.stringify(value)).length} characters, not shown`;
};

/** Validates process.env; a bad setting stops the start with one message naming it. */
export const validateEnvironment = (raw: Record<string, unknown>): Environment => {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  // EVENT_STORE=postgres means several instances may share the log: their read sides must be shared too.
  if (env.EVENT_STORE === 'postgres' && (raw.READ_STORE === undefined || raw.READ_STORE === '')) env.READ_STORE = 'postgres';
  const problems = validateSync(env, { skipMissingProperties: false, whitelist: false, stopAtFirstError: true }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {})[0]} (got ${shown(e.property, raw[e.property])})`,
  );
  if (typeof env.TRUST_PROXY === 'string' && trustProxySetting(env.TRUST_PROXY) === null) {
    const hops = /^\s*\d+\s*$/.test(env.TRUST_PROXY);
    problems.push(`TRUST_PROXY: ${hops ? TRUST_PROXY_HOPS : TRUST_PROXY_FORMS} (got ${shown('TRUST_PROXY', raw.TRUST_PROXY)})`);
  }
  if (env.EVENT_STORE === 'postgres' || env.READ_STORE === 'postgres') {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL: required when EVENT_STORE or READ_STORE is postgres');
  }
  if (env.EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb');
  }
  if (env.AUTH_JWKS_URL && !(env.AUTH_ISSUER && env.AUTH_AUDIENCE)) {
    problems.push('AUTH_ISSUER and AUTH_AUDIENCE: required with AUTH_JWKS_URL');
  }
  if (env.OIDC_CLIENT_ID && !env.AUTH_JWKS_URL) {
    problems.push('OIDC_CLIENT_ID: the web app signs in through OpenID Connect only with AUTH_JWKS_URL (and AUTH_ISSUER, AUTH_AUDIENCE) set');
  }
  if (problems.length) throw new InvalidConfiguration(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
};
