/**
 * A saga's commands from a catch-up shared by stream (stream-share.ts), asked for as the streams
 * their events come from are written, rather than all once both passes are done: each command
 * still starts from the portfolio's copy of its initiative at the head (InitiativeRepository), and
 * they run beside the folding instead of after it. A cold start of a million events over a
 * thousand initiatives asks for some 2,300 early reviews, which took 3.4 s of the main thread after
 * both passes had ended (the thread idle meanwhile).
 *
 * One dispatch at a time, in the order asked, so an initiative's commands keep their order. The
 * saga's checkpoint still moves only once every command asked is in (`settled`): a crash before
 * asks them all again, and they are idempotent.
 */
export class AskedAsWritten {
  private chain: Promise<void> = Promise.resolve();
  private readonly failed = new Map<string, unknown>();

  constructor(private readonly dispatch: (name: string, commands: unknown[]) => Promise<void>) {}

  ask(name: string, commands: unknown[]): void {
    if (!commands.length) return;
    this.chain = this.chain.then(async () => {
      // Failed once, its checkpoint stays at 0: everything is asked for again when it is fed again.
      if (this.failed.has(name)) return;
      try {
        await this.dispatch(name, commands);
      } catch (error) {
        this.failed.set(name, error);
      }
    });
  }

  /** Once every command asked so far is in: the sagas whose commands failed, with what the first failure threw. */
  async settled(): Promise<ReadonlyMap<string, unknown>> {
    await this.chain;
    return this.failed;
  }
}
