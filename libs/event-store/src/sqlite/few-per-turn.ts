/**
 * Hands queued items on a few at a time: at most `perTurn` in each check phase of the event loop
 * (setImmediate), oldest first, so that what became ready meanwhile (a socket, a timer) runs
 * between them instead of after all of them.
 */
export class FewPerTurn<T> {
  private readonly queue: T[] = [];
  private scheduled = false;

  constructor(
    private readonly perTurn: number,
    private readonly take: (item: T) => void,
  ) {}

  push(item: T): void {
    this.queue.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  /** Everything still queued, now. */
  flush(): void {
    for (const item of this.queue.splice(0)) this.take(item);
  }

  private readonly turn = (): void => {
    for (const item of this.queue.splice(0, this.perTurn)) this.take(item);
    if (this.queue.length) setImmediate(this.turn);
    else this.scheduled = false;
  };
}
