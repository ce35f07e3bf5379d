/**
 * The writer thread's entry. It owns every write connection of the process, so a commit waiting on
 * the disk (or on another process's lock) never holds the event loop. Requests that arrive while a
 * transaction is being written queue on the port; the next transaction takes all of them at once.
 */
import type Database from 'better-sqlite3';
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { toWire } from './error-wire';
import { type AppendRequest, GroupCommit } from './group-commit';
import { durabilityOf } from './sqlite-durability';
import { openEventsDatabase } from './sqlite-schema';
import type { WriterReply, WriterRequest } from './writer-protocol';
import { checkpointOnThread, type WalCheckpointer } from '../../../read-store/src/wal-checkpointer';

/**
 * The thread checkpoints about as often as SQLite would have (every thousand pages, estimated as
 * a page for the table and two for its indexes per append), and a store that has gone quiet once
 * a second. On a timer of 50 ms, as read.db's, its syncs beside the appends' cost sequential
 * appends a fifth of their rate (the peer bench).
 */
const NUDGE_AT_FRAMES = 1000;
const QUIET_CHECKPOINT_MS = 1000;

/** Enough to keep a transaction's memory bounded; a longer queue goes in the next one. */
const MAX_BATCH = 1000;

const port = parentPort!;
/** One connection per file, however many stores of the process opened it; `stores` counts them. */
const connections = new Map<
  string,
  { db: Database.Database; commit: GroupCommit; stores: number; checkpointer: WalCheckpointer | null; framesSinceNudge: number }
>();

const connection = (file: string) => {
  let open = connections.get(file);
  if (!open) {
    const db = openEventsDatabase(file);
    // SQLite's automatic checkpoint runs inside the commit that takes the WAL past a thousand
    // pages, and every append of that batch, and all queued behind it, waited for it: 7-8 ms at
    // 10,000 events, 15-18 ms at a million (the copies land all over a larger file), once in some
    // 200 commits, which made the command p99. So a thread of its own checkpoints, and this one
    // only finishes a checkpoint when that thread cannot (docs/architecture.md).
    open = {
      db,
      commit: new GroupCommit(db),
      stores: 0,
      checkpointer: db.memory ? null : checkpointOnThread(db, { ownerRestarts: true, everyMs: QUIET_CHECKPOINT_MS }),
      framesSinceNudge: 0,
    };
    connections.set(file, open);
  }
  return open;
};

let transactions = 0;

const reply = (message: WriterReply) => port.postMessage(message);

const handleOne = (request: Exclude<WriterRequest, { op: 'append' }>): void => {
  try {
    switch (request.op) {
      case 'open':
        connection(request.file).stores++;
        return reply({ id: request.id, ok: null });
      case 'durability':
        return reply({ id: request.id, ok: durabilityOf(connection(request.file).db) });
      case 'close': {
        const open = connections.get(request.file);
        if (!open || --open.stores > 0) return reply({ id: request.id, ok: null });
        connections.delete(request.file);
        open.db.close();
        if (!open.checkpointer) return reply({ id: request.id, ok: null });
        // Answered once the checkpointer has made its last checkpoint and let go of the file.
        return void open.checkpointer.stop().then(
          () => reply({ id: request.id, ok: null }),
          (error: unknown) => reply({ id: request.id, error: toWire(error) }),
        );
      }
    }
  } catch (error) {
    reply({ id: request.id, error: toWire(error) });
  }
};

/** Consecutive appends to one file go in one transaction; anything else is handled in its turn. */
const handle = (requests: WriterRequest[]): void => {
  let i = 0;
  while (i < requests.length) {
    const first = requests[i];
    if (first.op !== 'append') {
      handleOne(first);
      i++;
      continue;
    }
    const batch: Array<AppendRequest & { id: number }> = [];
    while (i < requests.length && batch.length < MAX_BATCH) {
      const next = requests[i];
      if (next.op !== 'append' || next.file !== first.file) break;
      batch.push(next);
      i++;
    }
    const transaction = ++transactions;
    let outcomes;
    let open;
    try {
      open = connection(first.file);
      outcomes = open.commit.write(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ error }));
    }
    outcomes.forEach((outcome, k) =>
      reply('ok' in outcome ? { id: batch[k].id, ok: outcome.ok, transaction } : { id: batch[k].id, error: toWire(outcome.error) }),
    );
    if (open && (open.framesSinceNudge += 1 + 2 * batch.length) >= NUDGE_AT_FRAMES) {
      open.framesSinceNudge = 0;
      open.checkpointer?.nudge();
    }
  }
};

port.on('message', (first: WriterRequest) => {
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WriterRequest);
  }
  handle(requests);
});
