import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Problem } from './problem';

/** No Regie body nests more than two levels (an object holding a list); this leaves room and stops abuse. */
export const MAX_BODY_DEPTH = 32;

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d, OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d;

/**
 * Counts how deep a JSON text nests objects and arrays, chunk by chunk, without parsing it.
 * UTF-8 continuation bytes are all >= 0x80, so scanning bytes never mistakes them for structure.
 */
export class JsonDepthGauge {
  private depth = 0;
  private inString = false;
  private escaped = false;
  exceeded = false;

  constructor(private readonly limit: number) {}

  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length && !this.exceeded; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) this.exceeded = ++this.depth > this.limit;
      else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) this.depth--;
    }
  }
}

export const tooDeep = (limit = MAX_BODY_DEPTH): Problem =>
  new Problem(400, 'body-too-deep',
    `the body nests objects and arrays more than ${limit} levels deep: no Regie request needs more than a few; send a flatter body (at most ${limit} levels)`,
    { maxDepth: limit });

/**
 * Passes the body through unchanged and fails at its end when it nests too deep. Failing at the
 * end, not mid-stream, leaves the request fully read, so the connection survives to carry the 400.
 */
class DepthLimitedBody extends Transform {
  private readonly gauge: JsonDepthGauge;

  constructor(limit: number) {
    super();
    this.gauge = new JsonDepthGauge(limit);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.gauge.scan(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.gauge.exceeded ? tooDeep() : null);
  }
}

const JSON_TYPE = /^\s*application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * Refuses deeply nested JSON before Fastify parses it, so nothing after it (the JSON parser, the
 * request fingerprint's canonical JSON, validation) ever walks thousands of levels: a 2,000-level
 * body used to overflow the fingerprint's recursion into a 500.
 */
export const boundBodyDepth = (fastify: FastifyInstance, limit = MAX_BODY_DEPTH): void => {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) return payload;
    const body = new DepthLimitedBody(limit);
    // pipe() does not forward errors: an aborted upload must not leave the parser waiting.
    payload.on('error', (error) => body.destroy(error));
    return payload.pipe(body);
  });
};
