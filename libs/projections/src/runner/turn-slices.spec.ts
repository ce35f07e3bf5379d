import { TurnSlices } from './turn-slices';

describe('TurnSlices', () => {
  it('is due once the slice has passed, and its pause lets work that became ready run first', async () => {
    const slices = new TurnSlices(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(slices.due).toBe(true);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await slices.next();
    order.push('after the pause');
    expect(order).toEqual(['other work', 'after the pause']);
    expect(slices.due).toBe(false);
  });

  it('is not due within the slice', () => {
    const slices = new TurnSlices(60_000);
    for (let i = 0; i < 100; i++) expect(slices.due).toBe(false);
  });
});
