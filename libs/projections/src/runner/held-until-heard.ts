/**
 * Messages handed to whoever listens, in the order they came; those that came before anyone
 * listened are held and handed over first. One listener: a later one replaces it.
 */
export class HeldUntilHeard<T> {
  private listener: ((message: T) => void) | null = null;
  private readonly held: T[] = [];

  tell(message: T): void {
    if (this.listener) this.listener(message);
    else this.held.push(message);
  }

  listen(listener: (message: T) => void): void {
    this.listener = listener;
    for (const message of this.held.splice(0)) listener(message);
  }
}
