import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailable } from '../errors';
import { fromWire } from './error-wire';
import { FewPerTurn } from './few-per-turn';
import type { WriterReply, WriterRequest } from './writer-protocol';

type Request = WriterRequest extends infer R ? (R extends WriterRequest ? Omit<R, 'id'> : never) : never;

/** After the last store of the process closed, keep the thread this long for one that opens next (tests do, one after another). */
const IDLE_BEFORE_EXIT_MS = 2000;

/**
 * Replies handed back per turn of the event loop. One transaction answers every append it held at
 * once, and each answer runs its command on to the HTTP reply: fifty of them back to back held
 * the loop for 20-50 ms, and a query that came meanwhile waited for all of them. Four a turn let it
 * in between: beside 50 connections of commands a KPI read's p99 went from 28 to 17 ms, for about
 * a sixth fewer commands a second (docs/architecture.md).
 */
const REPLIES_PER_TURN = 4;

/**
 * The main thread's side of the writer thread (see sqlite-write-worker.ts): one per process,
 * shared by every SQLite file store. It holds the process open only while a request is pending, so
 * an idle store never keeps a CLI command or a test from ending.
 */
class WriterThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private users = 0;
  private exitTimer: NodeJS.Timeout | null = null;
  /** stop() was asked: from then on the thread ends as soon as its last store closes */
  private ending = false;
  private readonly replies = new FewPerTurn<{ reply: WriterReply; worker: Worker }>(REPLIES_PER_TURN, ({ reply, worker }) => this.settle(reply, worker));

  acquire(): void {
    this.users++;
    if (this.exitTimer) clearTimeout(this.exitTimer);
    this.exitTimer = null;
  }

  release(): void {
    this.users--;
    if (this.users > 0 || !this.worker) return;
    if (this.ending) {
      void this.worker.terminate();
      return;
    }
    this.exitTimer = setTimeout(() => {
      const idle = this.worker;
      if (this.users > 0 || this.pending.size > 0 || !idle) return;
      // Forgotten at once, not at its exit: a store that opens while it is ending starts a new one
      // rather than sending its requests to a thread about to go.
      this.worker = null;
      void idle.terminate();
    }, IDLE_BEFORE_EXIT_MS);
    this.exitTimer.unref();
  }

  /**
   * Ends the thread now (its pending requests fail), rather than when the process exits: Node
   * joins a live worker thread at exit, and one that still holds a database checkpoints and syncs
   * it then, which a test runner that gives a finished worker process 500 ms to exit counts as a hang.
   */
  async stop(): Promise<void> {
    this.ending = true;
    const worker = this.worker;
    if (!worker) return;
    if (this.exitTimer) clearTimeout(this.exitTimer);
    this.exitTimer = null;
    await worker.terminate();
  }

  /** The writer's reply; a failure arrives as a rejection with the error the writer met. */
  request<T>(request: Request): Promise<{ ok: T; transaction?: number }> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    // Under ts-node and ts-jest the sources are TypeScript; a built tree runs the compiled file.
    const typescript = extname(__filename) === '.ts';
    const worker = new Worker(join(__dirname, `sqlite-write-worker${extname(__filename)}`), {
      execArgv: typescript ? ['-r', 'ts-node/register/transpile-only'] : [],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    worker.unref();
    worker.on('message', (reply: WriterReply) => this.replies.push({ reply, worker }));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new EventStoreUnavailable(`the SQLite writer thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WriterReply, worker: Worker): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) worker.unref();
    if ('error' in reply) waiting.reject(fromWire(reply.error));
    else waiting.resolve(reply as never);
  }

  /** A thread that died answers nothing more: its requests fail, and the next request starts a new one. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    // What it answered before it died stands: those appends are on disk.
    this.replies.flush();
    // Whether a pending append was committed before the thread died cannot be known here; the
    // caller's retry (same event ids) finds out, as after any crash.
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

let shared: WriterThread | null = null;

export const writerThread = (): WriterThread => (shared ??= new WriterThread());

/** Stops the process's writer thread, if one runs (a test file's end); the next SQLite store starts another. */
export const stopWriterThread = (): Promise<void> => shared?.stop() ?? Promise.resolve();
