import { SignJWT } from 'jose';
import type { Actor } from './actor';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './embedded-secret';

/** Signs an embedded-mode token (HS256), as `npm run token` prints it. */
export const signToken = (actor: Actor, secret: Uint8Array, expiresIn: string | number = '8h'): Promise<string> => {
  const jwt = new SignJWT({ roles: actor.roles, ...(actor.partner ? { partner: actor.partner } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.sub)
    .setIssuer(EMBEDDED_ISSUER)
    .setAudience(EMBEDDED_AUDIENCE)
    .setIssuedAt();
  return jwt.setExpirationTime(expiresIn).sign(secret);
};
