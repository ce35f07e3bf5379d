import { IdempotencyKeyReused, type IdempotencyStore, type StoredAnswer } from '../write/idempotency.store';
import type { RequestContext } from '../write/request-context';
import { Problem } from './problem';

/** Throws the refusal (a Problem) when the caller may not give the command now; resolves when it may. */
export type AccessCheck = () => Promise<void>;

/** For a caller whose access was checked before the recall: by the route's guard alone (partner registration), or by the handler (a CSV upload's visibility). */
export const accessAlreadyChecked: AccessCheck = () => Promise.resolve();

/**
 * The earlier answer to this Idempotency-Key and body; 422 when the key came with another body.
 * Either is given only to a caller that passes `access` now: a record says what the command
 * answered someone allowed to give it, and the refusal (404 for an initiative hidden from the
 * caller, 403 for the role) must win over it. Without a record the command runs, and its own
 * pipeline checks access, so `access` is not asked.
 */
export const recallAnswer = async (idempotency: IdempotencyStore, ctx: RequestContext, access: AccessCheck): Promise<StoredAnswer | null> => {
  let remembered: StoredAnswer | null;
  try {
    remembered = await idempotency.recall(ctx);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyReused)) throw error;
    await access();
    throw new Problem(
      422,
      'idempotency-key-reused',
      `the Idempotency-Key '${error.key}' was already used with another request; use a new key for a new request`,
    );
  }
  if (remembered) await access();
  return remembered;
};

/**
 * Answers a repeat of a keyed request with what the first one answered, and keeps what a success
 * answered. A refusal throws past `remember`: it appended nothing, so running it again is harmless.
 */
export const answerOnce = async <T extends StoredAnswer>(
  idempotency: IdempotencyStore,
  ctx: RequestContext,
  access: AccessCheck,
  answer: () => Promise<T>,
): Promise<T> => {
  const remembered = await recallAnswer(idempotency, ctx, access);
  if (remembered) return remembered as T;
  const answered = await answer();
  await idempotency.remember(ctx, answered);
  return answered;
};
