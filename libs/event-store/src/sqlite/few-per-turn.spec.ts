import { FewPerTurn } from './few-per-turn';

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('FewPerTurn', () => {
  it('hands on a few per turn of the event loop, so what became ready meanwhile runs in between', async () => {
    const order: string[] = [];
    const turns = new FewPerTurn<number>(4, (n) => {
      order.push(`item ${n}`);
      if (n === 0) setImmediate(() => order.push('other work'));
    });
    for (let n = 0; n < 10; n++) turns.push(n);
    expect(order).toEqual([]);
    await settled();
    expect(order).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'other work', 'item 4', 'item 5', 'item 6', 'item 7', 'item 8', 'item 9']);
  });

  it('keeps arrival order across turns, and starts again for what comes later', async () => {
    const taken: number[] = [];
    const turns = new FewPerTurn<number>(2, (n) => taken.push(n));
    turns.push(1);
    turns.push(2);
    turns.push(3);
    await settled();
    turns.push(4);
    await settled();
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
