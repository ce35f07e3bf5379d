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

/** Enough to keep a transaction's memory bounded; a longer queue goes in the next one. */
const MAX_BATCH = 1000;

const port = parentPort!;
/** One connection per file, however many stores of the process opened it; `stores` counts them. */
const connections = new Map<string, { db: Database.Database; commit: GroupCommit; stores: number }>();

const connection = (file: string) => {
  let open = connections.get(file);
  if (!open) {
    const db = openEventsDatabase(file);
    open = { db, commit: new GroupCommit(db), stores: 0 };
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
        if (open && --open.stores <= 0) {
          open.db.close();
          connections.delete(request.file);
        }
        return reply({ id: request.id, ok: null });
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
    try {
      outcomes = connection(first.file).commit.write(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ error }));
    }
    outcomes.forEach((outcome, k) =>
      reply('ok' in outcome ? { id: batch[k].id, ok: outcome.ok, transaction } : { id: batch[k].id, error: toWire(outcome.error) }),
    );
  }
};

port.on('message', (first: WriterRequest) => {
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WriterRequest);
  }
  handle(requests);
});
