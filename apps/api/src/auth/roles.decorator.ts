import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../../../../libs/auth/src';

export const ROLES_KEY = 'regie:roles';
/** Roles allowed on a route (admins always are). Without it, any authenticated user may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'regie:public';
/** Routes outside /api that need no token (health, docs, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A request as the guards see it: `actor` is set by AuthGuard once the token is verified. */
export type ActorRequest = FastifyRequest & { actor?: Actor };

/** The verified caller, set by AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<{ actor: Actor }>().actor);
