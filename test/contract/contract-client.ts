import type { Test } from 'supertest';
import type { TestApp } from '../support/test-app';
import type { LiveAnswer, OpenApiChecker, OperationKey } from './openapi-checker';

/** A live answer, with its body decoded as JSON and typed as what the caller reads (the checker has held it against the document). */
export type JsonAnswer = LiveAnswer & { json: <T = unknown>() => T };

export interface CallOptions {
  /** values for the path template's {names} */
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  /** an object is sent as JSON; a string with `contentType` (text/csv by default) */
  body?: object | string;
  contentType?: string;
  token?: string;
  headers?: Record<string, string>;
}

// Every answer read as text, whatever its media type, so the checker sees the bytes that were sent.
const asText = (req: Test) =>
  req.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });

/**
 * Sends requests to an operation of the OpenAPI document and fails unless the live answer has the
 * expected status and matches what the document declares for it.
 */
export class ContractClient {
  /** per operation, the request of its latest success: a refusal can then change one thing only */
  readonly succeeded = new Map<OperationKey, CallOptions>();

  constructor(
    private readonly t: TestApp,
    readonly checker: OpenApiChecker,
  ) {}

  url(key: OperationKey, options: CallOptions = {}): string {
    const template = key.slice(key.indexOf(' ') + 1);
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams(Object.entries(options.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return query ? `${path}?${query}` : path;
  }

  async send(key: OperationKey, options: CallOptions = {}): Promise<JsonAnswer> {
    this.checker.operation(key);
    const method = key.slice(0, key.indexOf(' ')).toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    let req = this.t.http()[method](this.url(key, options));
    if (options.token) req = req.set('Authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
    if (typeof options.body === 'string') req = req.set('Content-Type', options.contentType ?? 'text/csv').send(options.body);
    else if (options.body !== undefined) req = req.set('Content-Type', options.contentType ?? 'application/json').send(JSON.stringify(options.body));
    const res = await asText(req);
    const text = typeof res.body === 'string' ? res.body : '';
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  /** The answer, after checking its status is `expected` and it matches the document. */
  async call(key: OperationKey, expected: number, options: CallOptions = {}): Promise<JsonAnswer> {
    const answer = await this.send(key, options);
    const problems = this.checker.check(key, answer);
    if (answer.status !== expected) problems.unshift(`answered ${answer.status}, the case expects ${expected}: ${answer.text.slice(0, 400)}`);
    if (problems.length) throw new Error(`${key} (${this.url(key, options)}):\n  ${problems.join('\n  ')}`);
    if (answer.status < 300) this.succeeded.set(key, options);
    return answer;
  }
}
