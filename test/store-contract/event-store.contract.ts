import { randomUUID } from 'node:crypto';
import { DuplicateEventId, type EventStore, type EventToAppend, type StoredEvent, WrongExpectedRevision, verifyStore } from '../../libs/event-store/src';
import { ChildScript } from '../support/child-process';

export interface ContractTarget {
  /** A fresh, empty store for one test. */
  open(): Promise<EventStore>;
  /** The same store as the last open(), opened anew (durability). */
  reopen(): Promise<EventStore>;
  /** Env for a child process to open the same store via createEventStore; null when it cannot be shared across processes. */
  childEnv(): Record<string, string> | null;
  /** An in-memory store lives and dies with its process: no cross-process or crash tests for it. */
  inMemory?: boolean;
}

const event = (type = 'Happened', data: Record<string, unknown> = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { sub: 'tester' } },
});

const within = async <T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Reads n events; `seen` fills as they arrive, so a test can look at it while reading goes on. */
const take = async (iterable: AsyncIterable<StoredEvent>, n: number, timeoutMs = 10000, seen: StoredEvent[] = []): Promise<StoredEvent[]> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${n} events arrived`)), timeoutMs);
  });
  const reading = (async () => {
    for await (const e of iterable) {
      seen.push(e);
      if (seen.length === n) break;
    }
    return seen;
  })();
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** The behaviour every EventStore adapter must show. */
export const describeEventStoreContract = (name: string, target: ContractTarget): void => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('expected revision', () => {
      it('no-stream creates a stream and refuses an existing one with its actual revision', async () => {
        await expect(store.append('s-1', [event()], 'no-stream')).resolves.toMatchObject({ revision: 0 });
        const refused = (await store.append('s-1', [event()], 'no-stream').catch((e: unknown) => e)) as WrongExpectedRevision;
        expect(refused).toBeInstanceOf(WrongExpectedRevision);
        expect(refused.actual).toBe(0);
        expect(await store.readStream('s-1')).toHaveLength(1);
      });

      it('exists refuses a missing stream and accepts an existing one', async () => {
        const refused = (await store.append('s-2', [event()], 'exists').catch((e: unknown) => e)) as WrongExpectedRevision;
        expect(refused).toBeInstanceOf(WrongExpectedRevision);
        expect(refused.actual).toBe(-1);
        await store.append('s-2', [event()], 'no-stream');
        await expect(store.append('s-2', [event()], 'exists')).resolves.toMatchObject({ revision: 1 });
      });

      it('an exact revision must match the last revision', async () => {
        await store.append('s-3', [event(), event()], 'no-stream');
        await expect(store.append('s-3', [event()], 1)).resolves.toMatchObject({ revision: 2 });
        const stale = (await store.append('s-3', [event()], 1).catch((e: unknown) => e)) as WrongExpectedRevision;
        expect(stale).toBeInstanceOf(WrongExpectedRevision);
        expect(stale.actual).toBe(2);
        const ahead = await store.append('s-3', [event()], 7).catch((e: unknown) => e);
        expect(ahead).toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream('s-3')).toHaveLength(3);
      });

      it('any appends whatever the stream holds', async () => {
        await expect(store.append('s-4', [event()], 'any')).resolves.toMatchObject({ revision: 0 });
        await expect(store.append('s-4', [event(), event()], 'any')).resolves.toMatchObject({ revision: 2 });
      });
    });

    it('stores id, type, data, metadata, 0-based revision, increasing position and recordedAt', async () => {
      const e = event('PartnerJoined', { partnerId: 'p-1', nested: { list: [1, 2] } });
      const result = await store.append('initiative-x', [e], 'no-stream');
      const [stored] = await store.readStream('initiative-x');
      expect(stored).toMatchObject({ id: e.id, stream: 'initiative-x', revision: 0, type: 'PartnerJoined', data: e.data });
      expect(stored.metadata).toMatchObject({ actor: { sub: 'tester' } });
      expect(stored.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.position).toBe(result.position);
      expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
      expect(await store.lastPosition()).toBe(result.position);
    });

    it('reads a stream between revisions, and an unknown stream as empty', async () => {
      await store.append('s-5', [event(), event(), event(), event()], 'no-stream');
      const middle = await store.readStream('s-5', { fromRevision: 1, toRevision: 2 });
      expect(middle.map((e) => e.revision)).toEqual([1, 2]);
      expect(await store.readStream('nobody')).toEqual([]);
    });

    it('lists every stream once, in byte order, with its last revision', async () => {
      // Interleaved, and names whose byte order differs from a locale's: upper before lower, ä last.
      const names = ['ls-b-2', 'ls-a', 'ls-B', 'ls-a-1', 'ls-ä'];
      for (const name of names) await store.append(name, [event()], 'no-stream');
      await store.append('ls-a', [event(), event()], 0);
      await store.append('ls-b-2', [event()], 0);
      await store.append('ls-a', [event()], 2);
      const listed = (await store.listStreams()).filter((s) => names.includes(s.stream));
      expect(listed).toEqual([
        { stream: 'ls-B', revision: 0 },
        { stream: 'ls-a', revision: 3 },
        { stream: 'ls-a-1', revision: 0 },
        { stream: 'ls-b-2', revision: 1 },
        { stream: 'ls-ä', revision: 0 },
      ]);
    });

    it("reads only one command's events when asked by its command id, wherever they lie", async () => {
      const by = (commandId: string): EventToAppend => ({ ...event(), metadata: { actor: { sub: 'tester' }, commandId } });
      await store.append('s-5c', [by('c-1'), by('c-1')], 'no-stream');
      await store.append('s-5c', [by('c-2')], 1);
      await store.append('s-5c', [by('c-3'), by('c-3')], 2);
      await store.append('s-5d', [by('c-2')], 'no-stream');
      expect((await store.readStream('s-5c', { commandId: 'c-3' })).map((e) => e.revision)).toEqual([3, 4]);
      expect((await store.readStream('s-5c', { commandId: 'c-2' })).map((e) => [e.stream, e.revision])).toEqual([['s-5c', 2]]);
      expect((await store.readStream('s-5c', { commandId: 'c-1', fromRevision: 1 })).map((e) => e.revision)).toEqual([1]);
      expect(await store.readStream('s-5c', { commandId: 'c-9' })).toEqual([]);
      // The store still knows the stream's head: the next append at revision 4 goes through.
      await store.append('s-5c', [by('c-4')], 4);
      expect(await store.readStream('s-5c', { commandId: 'c-4' })).toHaveLength(1);
    });

    describe('idempotent retries', () => {
      it('re-appending the same events at the same place answers the first result and stores nothing new', async () => {
        await store.append('s-6', [event()], 'no-stream');
        const batch = [event(), event()];
        const first = await store.append('s-6', batch, 0);
        const again = await store.append('s-6', batch, 0);
        expect(again).toEqual(first);
        const anyAgain = await store.append('s-6', batch, 'any');
        expect(anyAgain).toEqual(first);
        expect(await store.readStream('s-6')).toHaveLength(3);
      });

      it('no-stream re-sent for an event stored later in the stream is a reuse, not a retry', async () => {
        const e = event();
        await store.append('s-9', [event()], 'no-stream');
        await store.append('s-9', [e], 0);
        const refused = await store.append('s-9', [e], 'no-stream').catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(DuplicateEventId);
        expect(refused).toMatchObject({ eventId: e.id, storedIn: 's-9', storedAt: 1 });
        expect(await store.readStream('s-9')).toHaveLength(2);
      });

      it('an exact revision re-sent for events stored at another revision is a reuse', async () => {
        const e = event();
        await store.append('s-10', [event(), event()], 'no-stream');
        const first = await store.append('s-10', [e], 1);
        await expect(store.append('s-10', [e], 1)).resolves.toEqual(first);
        await expect(store.append('s-10', [e], 0)).rejects.toBeInstanceOf(DuplicateEventId);
        await expect(store.append('s-10', [e], 2)).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream('s-10')).toHaveLength(3);
      });

      it('any and exists recognise a retry only while the batch is still the end of the stream', async () => {
        await store.append('s-11', [event()], 'no-stream');
        const batch = [event(), event()];
        const first = await store.append('s-11', batch, 'exists');
        await expect(store.append('s-11', batch, 'exists')).resolves.toEqual(first);
        await expect(store.append('s-11', batch, 'any')).resolves.toEqual(first);
        await store.append('s-11', [event()], 'any');
        await expect(store.append('s-11', batch, 'any')).rejects.toBeInstanceOf(DuplicateEventId);
        await expect(store.append('s-11', batch, 'exists')).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream('s-11')).toHaveLength(4);
      });

      it('exists re-sent for events that opened the stream is a reuse: exists never writes revision 0', async () => {
        const e = event();
        await store.append('s-12', [e], 'any');
        await expect(store.append('s-12', [e], 'any')).resolves.toMatchObject({ revision: 0 });
        await expect(store.append('s-12', [e], 'exists')).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream('s-12')).toHaveLength(1);
      });

      it('a batch of which only some ids are stored is a reuse, and none of it is appended', async () => {
        const e = event();
        await store.append('s-13', [e], 'no-stream');
        await expect(store.append('s-13', [e, event()], 'no-stream')).rejects.toBeInstanceOf(DuplicateEventId);
        await expect(store.append('s-13', [e, event()], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream('s-13')).toHaveLength(1);
      });

      it('reusing an event id in another stream is an error', async () => {
        const e = event();
        await store.append('s-7', [e], 'no-stream');
        await expect(store.append('s-8', [e], 'any')).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.readStream('s-8')).toEqual([]);
      });
    });

    it('readAll returns every stream interleaved in global order, paged', async () => {
      const order: string[] = [];
      for (let i = 0; i < 12; i++) {
        const s = `order-${i % 3}`;
        const e = event('Numbered', { i });
        await store.append(s, [e], 'any');
        order.push(e.id);
      }
      const first = await store.readAll(0, 5);
      const rest = await store.readAll(first[first.length - 1].position, 100);
      const all = [...first, ...rest];
      expect(all.map((e) => e.id)).toEqual(order);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
    });

    it('readAllToFold returns what readAll does (but the time recorded), each with the schema version it was written in', async () => {
      const versions = [1, 2, undefined, 3];
      for (const [i, schemaVersion] of versions.entries()) {
        const e = event('Versioned', { i });
        await store.append(`fold-${i % 2}`, [{ ...e, metadata: schemaVersion === undefined ? e.metadata : { ...e.metadata, schemaVersion } }], 'any');
      }
      const whole = await store.readAll(0, 100);
      const first = await store.readAllToFold(0, 3);
      const folded = [...first, ...(await store.readAllToFold(first[first.length - 1].position, 100))];
      // A fold reads neither the metadata (but the schema version) nor the time recorded: an adapter may leave them out.
      const withoutMetadata = ({ metadata: _, recordedAt: __, ...rest }: { metadata: unknown; recordedAt?: string }) => rest;
      expect(folded.map(withoutMetadata)).toEqual(whole.map(withoutMetadata));
      expect(folded.map((e) => e.metadata.schemaVersion)).toEqual(versions);
      expect(whole.map((e) => e.metadata.schemaVersion)).toEqual(versions);
    });

    it('readStreamToFold returns what readStream does for the revisions asked (but the time recorded), each with the schema version it was written in', async () => {
      const versions = [1, undefined, 2, 3, undefined];
      for (const [i, schemaVersion] of versions.entries()) {
        const e = event('Versioned', { i });
        await store.append('fold-stream', [{ ...e, metadata: schemaVersion === undefined ? e.metadata : { ...e.metadata, schemaVersion } }], 'any');
        await store.append('fold-other', [event('Other', { i })], 'any');
      }
      const whole = await store.readStream('fold-stream');
      const middle = await store.readStreamToFold('fold-stream', 1, 3);
      // A fold reads neither the metadata (but the schema version) nor the time recorded: an adapter may leave them out.
      const withoutMetadata = ({ metadata: _, recordedAt: __, ...rest }: { metadata: unknown; recordedAt?: string }) => rest;
      expect(middle.map(withoutMetadata)).toEqual(whole.slice(1, 4).map(withoutMetadata));
      expect(middle.map((e) => e.metadata.schemaVersion)).toEqual(versions.slice(1, 4));
      expect(await store.readStreamToFold('fold-stream', 5, 10)).toEqual([]);
      expect(await store.readStreamToFold('no-such-stream', 0, 10)).toEqual([]);
    });

    it('a subscription catches up, then receives live events in order with no gap or duplicate', async () => {
      for (let i = 0; i < 30; i++) await store.append(`sub-${i % 4}`, [event('Before', { i })], 'any');
      let caughtUpAt = -1;
      let deliveredWhenCaughtUp = -1;
      let caughtUp!: () => void;
      const caughtUpSignal = new Promise<void>((resolve) => (caughtUp = resolve));
      const seen: StoredEvent[] = [];
      const subscription = store.subscribe(0, {
        onCaughtUp: (p) => {
          caughtUpAt = p;
          deliveredWhenCaughtUp = seen.length;
          caughtUp();
        },
      });
      const received = take(subscription, 60, 10000, seen);
      await within(caughtUpSignal, 10000, 'the subscription never caught up');
      // Only now are events 30..59 written: they can only reach the subscription live.
      const writers = [0, 1, 2].map(async (w) => {
        for (let i = 0; i < 10; i++) await store.append(`live-${w}`, [event('After', { w, i })], 'any');
      });
      await Promise.all(writers);
      await received;
      await subscription.close();
      const stored = await store.readAll(0, 1000);
      expect(stored).toHaveLength(60);
      expect(seen.map((e) => e.position)).toEqual(stored.map((e) => e.position));
      expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
      expect(deliveredWhenCaughtUp).toBe(30);
      expect(caughtUpAt).toBe(stored[29].position);
      expect(caughtUpAt).toBeLessThan(stored[30].position);
      expect(seen.slice(30).every((e) => e.type === 'After')).toBe(true);
    });

    it('a subscription from a position delivers only what came after it', async () => {
      await store.append('from-1', [event(), event(), event()], 'no-stream');
      const [, second] = await store.readAll(0, 10);
      const subscription = store.subscribe(second.position);
      const seen = await take(subscription, 1);
      await subscription.close();
      expect(seen[0].revision).toBe(2);
    });

    it('every stream verifies as a whole hash chain', async () => {
      await store.append('chain-a', [event(), event()], 'no-stream');
      await store.append('chain-b', [event()], 'no-stream');
      await store.append('chain-a', [event()], 1);
      expect(await verifyStore(store)).toEqual({ ok: true, count: 4 });
    });

    if (target.inMemory) {
      it('two appenders racing for one stream: exactly one wins, the other learns the actual revision', async () => {
        for (let round = 0; round < 20; round++) {
          const results = await Promise.allSettled([
            store.append(`race-${round}`, [event()], 'no-stream'),
            store.append(`race-${round}`, [event()], 'no-stream'),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
          expect(lost.reason).toBeInstanceOf(WrongExpectedRevision);
          expect((lost.reason as WrongExpectedRevision).actual).toBe(0);
        }
      });
      return;
    }

    it('two processes racing for one stream: exactly one wins, the other learns the actual revision', async () => {
      const env = target.childEnv()!;
      const children = [new ChildScript('test/support/store-child.ts', env), new ChildScript('test/support/store-child.ts', env)];
      try {
        await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
        for (let round = 0; round < 20; round++) {
          const stream = `race-${round}`;
          for (const c of children) c.send(`race ${stream}`);
          const answers = await Promise.all(children.map((c) => c.waitFor((l) => /^(won|lost) /.test(l) && l.split(' ')[1] === stream)));
          expect(answers.filter((a) => a.startsWith('won')).length).toBe(1);
          expect(answers.filter((a) => a.startsWith('lost')).length).toBe(1);
          expect(answers.find((a) => a.startsWith('lost'))).toBe(`lost ${stream} 0`);
          expect(await store.readStream(stream)).toHaveLength(1);
        }
      } finally {
        for (const c of children) c.process.kill('SIGKILL');
      }
    });

    it('every acknowledged event survives the writer being killed with SIGKILL while 20 clients append', async () => {
      const child = new ChildScript('test/support/store-child.ts', target.childEnv()!);
      await child.waitFor((l) => l === 'ready');
      child.send('append-clients durable 20');
      await child.waitFor(() => child.lines.filter((l) => l.startsWith('ack ')).length >= 400);
      child.process.kill('SIGKILL');
      await child.exited();
      const acknowledged = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
      expect(acknowledged.length).toBeGreaterThanOrEqual(400);
      await store.close();
      store = await target.reopen();
      const lost: string[] = [];
      for (let k = 0; k < 20; k++) {
        const stored = new Set((await store.readStream(`durable-${k}`)).map((e) => e.id));
        lost.push(...acknowledged.filter(([, , id, stream]) => stream === `durable-${k}` && !stored.has(id)).map(([, , id]) => id));
      }
      expect(lost).toEqual([]);
      expect((await verifyStore(store)).ok).toBe(true);
    });
  });
};
