/**
 * Whether keeping a document in a cache of `capacity` bytes pays: only when, since its last use,
 * less than that much other text was used. One used again later than that is dropped by the
 * least-recently-used order before it is asked for, so keeping it buys nothing, and it costs the
 * collector: a kept object outlives two young-generation collections, is copied twice and
 * promoted, only to die in the old generation. Documents used in turn over a working set bigger
 * than the cache (dashboards across a thousand initiatives) did exactly that.
 */
export class ReuseDistance {
  /**
   * per key: the text used in all before its last use. A use updates its entry in place: moving it
   * to the end of the Map (delete, then set) wrote a new key string into the Map's table on every
   * read, and the tables that churn left behind in the old generation kept whole pages of rows
   * alive through young-generation collections (see ProjectionReader).
   */
  private readonly last = new Map<string, { at: number }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    /** how many keys' last uses are remembered (the first remembered are forgotten first): a key and a number each */
    private readonly remembered = 50_000,
  ) {}

  /** Records a use of `key` weighing `bytes`: true when its previous use was near enough for keeping it to pay. */
  use(key: string, bytes: number): boolean {
    const seen = this.last.get(key);
    const near = seen !== undefined && this.total - seen.at <= this.capacity;
    if (seen) seen.at = this.total;
    else {
      this.last.set(key, { at: this.total });
      if (this.last.size > this.remembered) this.last.delete(this.last.keys().next().value!);
    }
    this.total += bytes;
    return near;
  }
}
