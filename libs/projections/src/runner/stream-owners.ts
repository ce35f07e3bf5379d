/**
 * Which stream each document was folded from, per projection: holds a projection that says
 * `oneStreamPerDocument` to its word while a catch-up folds the log stream by stream. A document
 * is looked up once per stream, not once per event.
 */
export class StreamOwners {
  private readonly owners = new Map<string, Map<string, string>>();
  private readonly seen = new Map<string, Set<string>>();
  private stream = '';

  /** The stream whose events are folded next. */
  enter(stream: string): void {
    if (stream === this.stream) return;
    this.stream = stream;
    for (const ids of this.seen.values()) ids.clear();
  }

  /** The documents an event of the current stream was folded into; throws when one belongs to another stream. */
  claim(projection: string, ids: readonly string[]): void {
    let seen = this.seen.get(projection);
    if (!seen) this.seen.set(projection, (seen = new Set<string>()));
    let owners = this.owners.get(projection);
    if (!owners) this.owners.set(projection, (owners = new Map<string, string>()));
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const owner = owners.get(id);
      if (owner === undefined) owners.set(id, this.stream);
      else if (owner !== this.stream)
        throw new Error(`${projection} says one stream changes each document, but ${id} is changed by events of ${owner} and of ${this.stream}`);
    }
  }
}
