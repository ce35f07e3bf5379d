import type { EventStore } from './event-store.port';
import { verifyStreamChain, type ChainBreak } from './hash-chain';

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; broken: ChainBreak };

/** Walks every stream: revisions from 0 without gaps, every hash chained to the one before. */
export const verifyStore = async (store: EventStore): Promise<VerifyResult> => {
  let count = 0;
  for (const { stream } of await store.listStreams()) {
    const events = await store.readStream(stream);
    const broken = verifyStreamChain(stream, events);
    if (broken) return { ok: false, count, broken };
    count += events.length;
  }
  return { ok: true, count };
};
