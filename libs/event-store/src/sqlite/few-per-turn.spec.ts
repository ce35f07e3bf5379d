import { FewPerTurn } from './few-per-turn';

/** Looks again each check phase until the condition holds; Jest's timeout bounds a wait that never ends. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('FewPerTurn', () => {
  it('hands on a few per turn of the event loop, so what became ready meanwhile runs in between', async () => {
    const order: string[] = [];
    // Waiting for the last item, not for a timer: on a loaded machine a timer can fall due between
    // two check phases and end the wait before the queue has drained.
    let lastTaken: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (lastTaken = resolve));
    const turns = new FewPerTurn<number>(4, (n) => {
      order.push(`item ${n}`);
      if (n === 0) setImmediate(() => order.push('other work'));
      if (n === 9) lastTaken();
    });
    for (let n = 0; n < 10; n++) turns.push(n);
    expect(order).toEqual([]);
    await drained;
    expect(order).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'other work', 'item 4', 'item 5', 'item 6', 'item 7', 'item 8', 'item 9']);
  });

  it('keeps arrival order across turns, and starts again for what comes later', async () => {
    const taken: number[] = [];
    const turns = new FewPerTurn<number>(2, (n) => taken.push(n));
    turns.push(1);
    turns.push(2);
    turns.push(3);
    await until(() => taken.length === 3);
    turns.push(4);
    await until(() => taken.length === 4);
    expect(taken).toEqual([1, 2, 3, 4]);
  });

  it('flush hands on everything still queued at once', () => {
    const taken: number[] = [];
    const turns = new FewPerTurn<number>(1, (n) => taken.push(n));
    for (let n = 0; n < 5; n++) turns.push(n);
    turns.flush();
    expect(taken).toEqual([0, 1, 2, 3, 4]);
  });
});
