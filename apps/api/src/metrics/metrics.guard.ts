import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { InvalidToken, TokenVerifier } from '../../../../libs/auth/src';
import type { Environment } from '../config/environment';
import { Problem } from '../http/problem';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The scrape shows per-command counters, the log's size and the runtime's versions: an operator's
 * view, not the public's. A scraper sends `METRICS_TOKEN` as a bearer token (Prometheus'
 * `authorization.credentials`); without that setting, an admin's token opens it.
 */
@Injectable()
export class MetricsGuard implements CanActivate {
  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const presented = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const scrapeToken = this.config.get('METRICS_TOKEN', { infer: true });
    const needs = scrapeToken ? 'the METRICS_TOKEN as a bearer token' : "an admin's bearer token (or set METRICS_TOKEN for a scraper)";
    if (!presented) throw new Problem(401, 'unauthenticated', `/metrics needs ${needs}`);
    if (scrapeToken) {
      // Compared as digests: equal length, so the comparison time says nothing about the token.
      if (timingSafeEqual(digest(presented), digest(scrapeToken))) return true;
      throw new Problem(401, 'unauthenticated', `/metrics needs ${needs}; this one is not it`);
    }
    try {
      const actor = await this.verifier.verify(presented);
      if (actor.roles.includes('admin')) return true;
      throw new Problem(403, 'forbidden', `/metrics is for admins (or a scraper with METRICS_TOKEN); the token has ${actor.roles.join(', ') || 'no roles'}`);
    } catch (error) {
      if (error instanceof InvalidToken) throw new Problem(401, 'unauthenticated', error.message);
      throw error;
    }
  }
}
