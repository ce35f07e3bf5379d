import { createCipheriv, createDecipheriv, randomFillSync, type KeyObject } from 'node:crypto';

/**
 * A free-text field as it is stored: sealed with AES-256-GCM under one data key. An object where
 * the catalogue has a string, so it can never be taken for text someone typed (plaintext written
 * before sealing existed is a string, and is read as it is). `key` names the key's scope within
 * the initiative ('initiative' or a case day); `v` is base64url of iv (12) | tag (16) | ciphertext.
 */
export interface SealedText {
  $sealed: string;
  v: string;
}

export const isSealed = (value: unknown): value is SealedText =>
  typeof value === 'object' && value !== null && typeof (value as SealedText).$sealed === 'string' && typeof (value as SealedText).v === 'string';

const IV = 12;
const TAG = 16;

// Random IVs drawn from a pool refilled 4 KiB at a time: one call into the system's random source
// per 341 fields instead of one per field (the same trick randomUUID uses).
const pool = Buffer.alloc(IV * 341);
let drawn = pool.length;
const freshIv = (): Buffer => {
  if (drawn + IV > pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += IV;
  return Buffer.from(pool.subarray(drawn - IV, drawn));
};

/** `aad` binds the ciphertext to its event and field: moved into another event it no longer opens. */
export const seal = (key: Buffer | KeyObject, text: string, aad: string): string => {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
};

export const unseal = (key: Buffer | KeyObject, sealed: string, aad: string): string => {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(bytes.subarray(IV + TAG)), decipher.final()]).toString('utf8');
};
