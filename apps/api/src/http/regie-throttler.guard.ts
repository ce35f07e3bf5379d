import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { TokenVerifier } from '../../../../libs/auth/src';
import type { ActorRequest } from '../auth/roles.decorator';
import { Problem } from './problem';

/**
 * Rate limits per token subject, per address without a valid token. It runs before the AuthGuard
 * (see AppModule), so requests refused with 401 count too: otherwise anyone could try tokens at
 * full speed. Keying by subject needs a verified token here: a subject read from an unverified one
 * would let each forged token open a bucket of its own.
 */
@Injectable()
export class RegieThrottlerGuard extends ThrottlerGuard {
  @Inject(TokenVerifier) private readonly verifier!: TokenVerifier;

  protected override async getTracker(request: ActorRequest): Promise<string> {
    const subject = await this.verifiedSubject(request);
    return subject ? `sub:${subject}` : `ip:${request.ip}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const who = detail.tracker.startsWith('sub:') ? 'this token' : 'this address';
    const seconds = Math.max(1, Math.ceil(detail.isBlocked ? detail.timeToBlockExpire : detail.timeToExpire));
    return Promise.reject(
      new Problem(429, 'too-many-requests', `${who} made more than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} s; retry after ${seconds} s`),
    );
  }

  private async verifiedSubject(request: ActorRequest): Promise<string | null> {
    if (request.actor?.sub) return request.actor.sub;
    const match = request.headers?.authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match) return null;
    try {
      return (await this.verifier.verify(match[1])).sub;
    } catch {
      return null;
    }
  }
}
