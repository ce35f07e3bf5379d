import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMBEDDED_ISSUER = 'regie';
export const EMBEDDED_AUDIENCE = 'regie-api';

/**
 * The HS256 secret of the embedded setup: AUTH_SECRET when given, otherwise one generated on first
 * use into the data directory, so `npm start` and `npm run token` agree without any setup.
 */
export const embeddedSecret = (dataDir: string, configured?: string): Uint8Array => {
  if (configured) return new TextEncoder().encode(configured);
  const file = join(dataDir, 'auth-secret');
  try {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    try {
      // 'wx': when two processes race, the second reads the first one's secret.
      writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return new TextEncoder().encode(secret);
    } catch {
      return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
    }
  }
};
