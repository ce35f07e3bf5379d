import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { type Actor, type Role, ROLES } from './actor';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './embedded-secret';

export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}

export type VerifierConfig =
  | { mode: 'embedded'; secret: Uint8Array }
  | { mode: 'oidc'; jwksUrl: string; issuer: string; audience: string };

/** Verifies bearer tokens: HS256 with the embedded secret, or an OIDC provider's keys (RS256/ES256). */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: VerifierConfig) {
    if (config.mode === 'oidc') this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      if (this.config.mode === 'embedded') {
        ({ payload } = await jwtVerify(token, this.config.secret, {
          algorithms: ['HS256'], issuer: EMBEDDED_ISSUER, audience: EMBEDDED_AUDIENCE, requiredClaims: ['sub', 'exp'],
        }));
      } else {
        ({ payload } = await jwtVerify(token, this.jwks!, {
          algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'], issuer: this.config.issuer, audience: this.config.audience, requiredClaims: ['sub', 'exp'],
        }));
      }
    } catch (error) {
      throw new InvalidToken(`the token was refused: ${(error as Error).message}`);
    }
    return toActor(payload);
  }
}

const toActor = (payload: JWTPayload): Actor => {
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  const unknown = roles.filter((r) => !ROLES.includes(r as Role));
  if (unknown.length) throw new InvalidToken(`the token names unknown roles: ${unknown.join(', ')}`);
  if (payload.partner !== undefined && typeof payload.partner !== 'string') throw new InvalidToken('the partner claim must be a string');
  return { sub: String(payload.sub), roles: roles as Role[], ...(payload.partner ? { partner: payload.partner as string } : {}) };
};
