/**
 * A second process on the same store, driven by the contract suite. Commands, one per stdin line:
 *   append-loop <stream> <count>   appends one event at a time, printing "ack <revision> <id>" after each
 *   append-clients <stream> <n>    n clients, each appending one event at a time to <stream>-<k> until killed,
 *                                  printing "ack <revision> <id> <stream>-<k>" after each
 *   race <stream>                  appends one event with expected revision no-stream: "won <stream> <rev>" or "lost <stream> <actual>"
 * Prints "ready" once the store is open.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createEventStore, eventStoreConfigFromEnv, WrongExpectedRevision } from '../../libs/event-store/src';

const main = async () => {
  const store = await createEventStore(eventStoreConfigFromEnv(process.env));
  const write = (line: string) => process.stdout.write(line + '\n');
  write('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, stream, arg] = line.trim().split(' ');
    if (command === 'append-loop') {
      for (let i = 0; i < Number(arg); i++) {
        const id = randomUUID();
        const { revision } = await store.append(stream, [{ id, type: 'Ticked', data: { i }, metadata: {} }], 'any');
        write(`ack ${revision} ${id}`);
      }
      write('done');
    } else if (command === 'append-clients') {
      // Many appends in flight at once: on SQLite they share transactions (group commit).
      const client = async (k: number) => {
        for (;;) {
          const id = randomUUID();
          const { revision } = await store.append(`${stream}-${k}`, [{ id, type: 'Ticked', data: { k }, metadata: {} }], 'any');
          write(`ack ${revision} ${id} ${stream}-${k}`);
        }
      };
      for (let k = 0; k < Number(arg); k++) void client(k);
    } else if (command === 'race') {
      try {
        const { revision } = await store.append(stream, [{ id: randomUUID(), type: 'Raced', data: { pid: process.pid }, metadata: {} }], 'no-stream');
        write(`won ${stream} ${revision}`);
      } catch (error) {
        if (error instanceof WrongExpectedRevision) write(`lost ${stream} ${error.actual}`);
        else throw error;
      }
    } else if (command === 'exit') {
      break;
    }
  }
  await store.close();
};

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error) : error) + '\n');
  process.exit(1);
});
