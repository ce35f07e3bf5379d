import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WrongExpectedRevision } from '../../../../libs/event-store/src';
import { Problem, type ProblemBody, problemType, titleFor } from './problem';
import { correlationOf } from './request-logging';
import { StoreFailures } from './store-failures';
import { unavailabilityOf, unavailableProblem } from './store-unavailable';

/** What a line of Nest's Logger says about the request it was written for (the request's own lines say it through pino-http). */
const aboutRequest = (request: FastifyRequest | undefined) =>
  request ? { url: request.url, requestId: request.raw.id, correlationId: correlationOf(request.raw) } : {};

/** Every error leaves as application/problem+json (RFC 9457), whatever threw it. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@Optional() private readonly failures?: StoreFailures) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const unavailable = exception instanceof HttpException ? null : unavailabilityOf(exception);
    if (unavailable) {
      // Expected in operation (a lock, a full disk, a database restart) and not the request's fault: a warning, not an error.
      const { body, retryAfterSeconds } = unavailableProblem(unavailable);
      this.failures?.record(unavailable, exception);
      this.logger.warn({ err: exception, ...aboutRequest(request) }, `answered 503: ${(exception as Error)?.message ?? String(exception)}`);
      reply
        .status(503)
        .header('Retry-After', String(retryAfterSeconds))
        .header('Content-Type', 'application/problem+json')
        .send({ ...body, instance: request?.url });
      return;
    }
    const found = this.toProblem(exception);
    const problem = found.status === 413 ? { ...found, detail: tooLargeDetail(request) } : found;
    if (problem.status >= 500) this.logger.error({ err: exception, ...aboutRequest(request) }, problem.detail);
    if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('Retry-After', '60');
    if (exception instanceof Problem) for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
    reply
      .status(problem.status)
      .header('Content-Type', 'application/problem+json')
      .send({ ...problem, instance: request?.url });
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof Problem) return exception.body;
    if (exception instanceof WrongExpectedRevision) {
      return {
        type: problemType('write-conflict'),
        title: titleFor(409),
        status: 409,
        detail: `the initiative changed while this command ran and retrying did not resolve it: ${exception.message}`,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = Array.isArray(body.message) ? body.message.join('; ') : ((body.message as string | undefined) ?? exception.message);
      const { message: _m, error: _e, statusCode: _s, ...extensions } = body;
      return {
        ...extensions,
        type: (body.type as string) ?? problemType(slugFor(status)),
        title: titleFor(status),
        status,
        detail: (body.detail as string) ?? message,
      };
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return { type: problemType(slugFor(status)), title: titleFor(status), status, detail: fastifyError.message ?? titleFor(status) };
    }
    return { type: problemType('internal'), title: titleFor(500), status: 500, detail: 'an unexpected error occurred; it has been logged' };
  }
}

const slugFor = (status: number): string =>
  titleFor(status)
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

// Fastify's own words ("Request body is too large") do not say how large a body may be.
const tooLargeDetail = (request: FastifyRequest | undefined): string => {
  const limit = request?.server?.initialConfig.bodyLimit;
  return `the body is larger than ${limit === undefined ? 'this server accepts' : `${limit} bytes, the most this server accepts (its BODY_LIMIT_BYTES setting)`}: send a smaller body`;
};
