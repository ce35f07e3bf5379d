import { IdempotencyKeyReused, type IdempotencyStore, type StoredAnswer } from '../write/idempotency.store';
import type { RequestContext } from '../write/request-context';
import { Problem } from './problem';

/** The earlier answer to this Idempotency-Key and body; 422 when the key came with another body. */
export const recallAnswer = async (idempotency: IdempotencyStore, ctx: RequestContext): Promise<StoredAnswer | null> => {
  try {
    return await idempotency.recall(ctx);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyReused)) throw error;
    throw new Problem(422, 'idempotency-key-reused', `the Idempotency-Key '${error.key}' was already used with another request; use a new key for a new request`);
  }
};

/**
 * Answers a repeat of a keyed request with what the first one answered, and keeps what a success
 * answered. A refusal throws past `remember`: it appended nothing, so running it again is harmless.
 */
export const answerOnce = async <T extends StoredAnswer>(
  idempotency: IdempotencyStore, ctx: RequestContext, answer: () => Promise<T>,
): Promise<T> => {
  const remembered = await recallAnswer(idempotency, ctx);
  if (remembered) return remembered as T;
  const answered = await answer();
  await idempotency.remember(ctx, answered);
  return answered;
};
