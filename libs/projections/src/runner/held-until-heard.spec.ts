import { HeldUntilHeard } from './held-until-heard';

describe('HeldUntilHeard', () => {
  it('hands what came before anyone listened to the first listener, in order, then passes each message straight on', () => {
    const messages = new HeldUntilHeard<string>();
    messages.tell('first');
    messages.tell('second');
    const heard: string[] = [];
    messages.listen((m) => heard.push(m));
    expect(heard).toEqual(['first', 'second']);
    messages.tell('third');
    expect(heard).toEqual(['first', 'second', 'third']);
  });

  it('hands a message to the listener set last, and none twice', () => {
    const messages = new HeldUntilHeard<number>();
    const first: number[] = [];
    const second: number[] = [];
    messages.tell(1);
    messages.listen((m) => first.push(m));
    messages.listen((m) => second.push(m));
    messages.tell(2);
    expect(first).toEqual([1]);
    expect(second).toEqual([2]);
  });
});
