import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidToken, type Role, TokenVerifier } from '../../../../libs/auth/src';
import { Problem } from '../http/problem';
import { type ActorRequest, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Every /api route needs a valid bearer token; @Roles narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<ActorRequest>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new Problem(401, 'unauthenticated', 'a bearer token is required: Authorization: Bearer <token>');
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidToken) throw new Problem(401, 'unauthenticated', error.message);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const roles: Role[] = request.actor.roles;
    if (allowed && !roles.includes('admin') && !allowed.some((r) => roles.includes(r))) {
      throw new Problem(403, 'forbidden', `this needs one of the roles ${allowed.join(', ')}; the token has ${roles.join(', ') || 'none'}`);
    }
    return true;
  }
}
