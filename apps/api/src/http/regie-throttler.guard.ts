import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limits per token subject, per address without a token. */
@Injectable()
export class RegieThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    return request.actor?.sub ? `sub:${request.actor.sub}` : `ip:${request.ip}`;
  }
}
