import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { type Actor, type Role, ROLES } from './actor';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './embedded-secret';

export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}

export type VerifierConfig =
  /** `secretSource` says where the secret lives, for the message when a token was signed with another */
  { mode: 'embedded'; secret: Uint8Array; secretSource?: string } | { mode: 'oidc'; jwksUrl: string; issuer: string; audience: string };

/**
 * Identity providers' tokens stay well below this (a few hundred bytes to a few KiB, with groups);
 * anything longer is refused before its signature is checked, which costs time in proportion to it.
 */
export const MAX_TOKEN_LENGTH = 8_192;

/** Verifies bearer tokens: HS256 with the embedded secret, or an OIDC provider's keys (RS256/ES256). */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: VerifierConfig) {
    if (config.mode === 'oidc') this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string): Promise<Actor> {
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new InvalidToken(`the token was refused: it is ${token.length} characters long, more than the ${MAX_TOKEN_LENGTH} a bearer token may have here`);
    }
    let payload: JWTPayload;
    try {
      if (this.config.mode === 'embedded') {
        ({ payload } = await jwtVerify(token, this.config.secret, {
          algorithms: ['HS256'],
          issuer: EMBEDDED_ISSUER,
          audience: EMBEDDED_AUDIENCE,
          requiredClaims: ['sub', 'exp'],
        }));
      } else {
        ({ payload } = await jwtVerify(token, this.jwks!, {
          algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
          issuer: this.config.issuer,
          audience: this.config.audience,
          requiredClaims: ['sub', 'exp'],
        }));
      }
    } catch (error) {
      if (this.config.mode === 'embedded' && (error as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
        // The usual cause: a token made with `npm run token` against another DATA_DIR, or before AUTH_SECRET changed.
        const where = this.config.secretSource ?? 'AUTH_SECRET, or the auth-secret file in DATA_DIR';
        throw new InvalidToken(
          `the token was refused: this server did not sign it. Its tokens are signed with ${where}; ` +
            'make one with `npm run --silent token -- …` against the same DATA_DIR (or the same AUTH_SECRET)',
        );
      }
      throw new InvalidToken(`the token was refused: ${(error as Error).message}`);
    }
    return toActor(payload);
  }
}

/**
 * How far ahead of this server's clock an issuer's clock may run. jose checks `iat` only when a
 * maximum token age is set, so a token "issued" a year from now passed; beyond this it is refused.
 */
export const CLOCK_TOLERANCE_SECONDS = 60;

const toActor = (payload: JWTPayload): Actor => {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidToken('the sub claim must be a non-empty string: the user id');
  if (payload.roles !== undefined && !(Array.isArray(payload.roles) && payload.roles.every((r) => typeof r === 'string'))) {
    throw new InvalidToken(`the roles claim must be a list of role names, e.g. ["programme-manager"]; got ${JSON.stringify(payload.roles).slice(0, 80)}`);
  }
  const roles: string[] = payload.roles ?? [];
  const unknown = roles.filter((r) => !ROLES.includes(r as Role));
  if (unknown.length) throw new InvalidToken(`the token names unknown roles: ${unknown.join(', ')}`);
  if (payload.partner !== undefined && typeof payload.partner !== 'string') throw new InvalidToken('the partner claim must be a string');
  const now = Math.floor(Date.now() / 1000);
  if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
    throw new InvalidToken(
      `the token says it was issued ${payload.iat - now} s from now, more than the ${CLOCK_TOLERANCE_SECONDS} s clock tolerance: check the issuer's clock and sign a new token`,
    );
  }
  return { sub: payload.sub, roles: roles as Role[], ...(payload.partner ? { partner: payload.partner } : {}) };
};
