import { TurnSlices } from './turn-slices';

describe('TurnSlices', () => {
  it('hands the event loop back once the slice has passed, so work that became ready runs in between', async () => {
    const order: string[] = [];
    const slices = new TurnSlices(0);
    setImmediate(() => order.push('other work'));
    await new Promise((resolve) => setTimeout(resolve, 2));
    await slices.pause();
    order.push('after the pause');
    expect(order).toEqual(['other work', 'after the pause']);
  });

  it('goes straight on within the slice', async () => {
    const order: string[] = [];
    const slices = new TurnSlices(60_000);
    setImmediate(() => order.push('other work'));
    for (let i = 0; i < 100; i++) await slices.pause();
    order.push('after a hundred pauses');
    expect(order).toEqual(['after a hundred pauses']);
  });
});
