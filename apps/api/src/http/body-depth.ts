import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Problem } from './problem';

/** No Regie body nests more than two levels (an object holding a list); this leaves room and stops abuse. */
export const MAX_BODY_DEPTH = 32;

/**
 * The largest Regie body holds a few dozen values (a covenant's lists, a wave's partners, each at
 * most 50); this leaves room for any client. Beyond it, validation alone would cost the event loop
 * dearly: 300,000 numbers took class-validator 0.2-0.9 s.
 */
export const MAX_BODY_VALUES = 10_000;

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  OPEN_ARRAY = 0x5b,
  CLOSE_ARRAY = 0x5d,
  OPEN_OBJECT = 0x7b,
  CLOSE_OBJECT = 0x7d,
  COMMA = 0x2c;
const SPACE = 0x20,
  TAB = 0x09,
  LF = 0x0a,
  CR = 0x0d;

export interface JsonBounds {
  depth: number;
  values: number;
}

/**
 * Measures how deep a JSON text nests objects and arrays and how many values its arrays and
 * objects hold (each element or member counts once), chunk by chunk, without parsing it. UTF-8
 * continuation bytes are all >= 0x80, so scanning bytes never mistakes them for structure.
 */
export class JsonDepthGauge {
  private depth = 0;
  private values = 0;
  private inString = false;
  private escaped = false;
  /** just after [ or {: the next token decides whether the container holds anything */
  private opened = false;
  exceeded: keyof JsonBounds | null = null;

  constructor(private readonly limits: JsonBounds) {}

  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length && this.exceeded === null; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
        continue;
      }
      if (byte === SPACE || byte === LF || byte === CR || byte === TAB) continue;
      // A container's first value has no comma before it; every later one has.
      if (this.opened && byte !== CLOSE_ARRAY && byte !== CLOSE_OBJECT) this.count();
      this.opened = false;
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        this.opened = true;
        if (++this.depth > this.limits.depth) this.exceeded = 'depth';
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) this.depth--;
      else if (byte === COMMA) this.count();
    }
  }

  private count(): void {
    if (++this.values > this.limits.values) this.exceeded = 'values';
  }
}

export const tooDeep = (limit = MAX_BODY_DEPTH): Problem =>
  new Problem(
    400,
    'body-too-deep',
    `the body nests objects and arrays more than ${limit} levels deep: no Regie request needs more than a few; send a flatter body (at most ${limit} levels)`,
    { maxDepth: limit },
  );

export const tooManyValues = (limit = MAX_BODY_VALUES): Problem =>
  new Problem(
    400,
    'body-too-many-values',
    `the body holds more than ${limit} values in its arrays and objects: no Regie request needs more than a few dozen; send fewer (at most ${limit}), or several requests`,
    { maxValues: limit },
  );

/**
 * Passes the body through unchanged and fails at its end when it nests too deep or holds too many
 * values. Failing at the end, not mid-stream, leaves the request fully read, so the connection
 * survives to carry the 400.
 */
class DepthLimitedBody extends Transform {
  private readonly gauge: JsonDepthGauge;

  constructor(private readonly limits: JsonBounds) {
    super();
    this.gauge = new JsonDepthGauge(limits);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.gauge.scan(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { exceeded } = this.gauge;
    callback(exceeded === 'depth' ? tooDeep(this.limits.depth) : exceeded === 'values' ? tooManyValues(this.limits.values) : null);
  }
}

const JSON_TYPE = /^\s*application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * Refuses deeply nested or huge-count JSON before Fastify parses it, so nothing after it (the JSON
 * parser, the request fingerprint's canonical JSON, validation) ever walks thousands of levels or
 * hundreds of thousands of values: a 2,000-level body used to overflow the fingerprint's recursion
 * into a 500.
 */
export const boundBodyDepth = (fastify: FastifyInstance, limits: JsonBounds = { depth: MAX_BODY_DEPTH, values: MAX_BODY_VALUES }): void => {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) return payload;
    const body = new DepthLimitedBody(limits);
    // pipe() does not forward errors: an aborted upload must not leave the parser waiting.
    payload.on('error', (error) => body.destroy(error));
    return payload.pipe(body);
  });
};
