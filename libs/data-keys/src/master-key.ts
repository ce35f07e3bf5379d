import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_KEY_SECRET_FILE = 'data-key-secret';

const derive = (secret: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'regie-data-keys', "wraps the initiatives' data keys", 32));

/**
 * The key that wraps every data key: derived from DATA_KEY_SECRET when given, otherwise from a
 * secret generated once into the data directory, like the auth secret. A key of its own: rotating
 * the token secret must not make the log's text unreadable. An in-memory store gets a fresh one.
 */
export const dataKeyMaster = (dataDir: string, configured?: string): Buffer => {
  if (configured) return derive(configured);
  if (dataDir === ':memory:') return derive(randomBytes(48).toString('base64url'));
  const file = join(dataDir, DATA_KEY_SECRET_FILE);
  try {
    return derive(readFileSync(file, 'utf8').trim());
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    try {
      // 'wx': when two processes race, the second reads the first one's secret.
      writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return derive(secret);
    } catch {
      return derive(readFileSync(file, 'utf8').trim());
    }
  }
};
