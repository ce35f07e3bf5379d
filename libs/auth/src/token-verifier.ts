import { createSecretKey, type KeyObject } from 'node:crypto';
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

/**
 * A token verified is trusted again, without its signature checked, for this long at most (and
 * never past its `exp`): a client sends the same token with every request, and checking it was
 * about a twentieth of a command's time. A key an OIDC provider withdraws stops counting within
 * this (jose's key set itself is kept for ten minutes).
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** The token text the verified tokens kept may add up to. */
const VERIFIED_TOKEN_BYTES = 4 * 1024 * 1024;

/** Verifies bearer tokens: HS256 with the embedded secret, or an OIDC provider's keys (RS256/ES256). */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: KeyObject;
  /** token → who it names, until when; the least recently used go first */
  private readonly verified = new Map<string, { actor: Actor; until: number }>();
  private verifiedBytes = 0;

  constructor(private readonly config: VerifierConfig) {
    if (config.mode === 'oidc') this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    // Made once: from raw bytes, jose would make the key again for every token.
    else this.secret = createSecretKey(config.secret);
  }

  async verify(token: string): Promise<Actor> {
    const kept = this.verified.get(token);
    if (kept) {
      this.verified.delete(token);
      if (Date.now() < kept.until) {
        this.verified.set(token, kept);
        return kept.actor;
      }
      this.verifiedBytes -= token.length;
    }
    const { actor, exp } = await this.check(token);
    this.keep(token, actor, exp);
    return actor;
  }

  private keep(token: string, actor: Actor, exp: number): void {
    this.verified.set(token, { actor, until: Math.min(Date.now() + VERIFIED_TOKEN_TTL_MS, exp * 1000) });
    this.verifiedBytes += token.length;
    for (const [oldest] of this.verified) {
      if (this.verifiedBytes <= VERIFIED_TOKEN_BYTES) break;
      this.verified.delete(oldest);
      this.verifiedBytes -= oldest.length;
    }
  }

  private async check(token: string): Promise<{ actor: Actor; exp: number }> {
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new InvalidToken(`the token was refused: it is ${token.length} characters long, more than the ${MAX_TOKEN_LENGTH} a bearer token may have here`);
    }
    let payload: JWTPayload;
    try {
      if (this.config.mode === 'embedded') {
        ({ payload } = await jwtVerify(token, this.secret!, {
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
    // `exp` is a required claim, checked by jose.
    return { actor: toActor(payload), exp: payload.exp! };
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
