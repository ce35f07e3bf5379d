import type { AppendResult } from '../event-store.port';
import type { AppendRequest } from './group-commit';
import type { SqliteDurability } from './sqlite-durability';
import type { WireError } from './error-wire';

/** Main thread → writer thread. Every request names the database file it is for. */
export type WriterRequest =
  | ({ op: 'append'; id: number; file: string } & AppendRequest)
  | { op: 'open'; id: number; file: string }
  | { op: 'durability'; id: number; file: string }
  | { op: 'close'; id: number; file: string };

/** Writer thread → main thread: one reply per request, in the order the requests were handled (a last close's once its checkpointer has stopped). */
export type WriterReply =
  | { id: number; ok: AppendResult | SqliteDurability | null; /** for an append: the transaction that stored it */ transaction?: number }
  | { id: number; error: WireError };
