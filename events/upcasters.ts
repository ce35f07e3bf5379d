import type { RegieEvent } from './regie-event';
import { SCHEMA_VERSIONS, isEventType } from './schema-versions';

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * `'<Type>@<n>'` turns the data of version n into that of version n + 1. A changed shape gets a
 * new version, a new type beside the old one and an entry here; stored bytes are never rewritten.
 * Empty while every event is at version 1.
 */
const UPCASTERS: Readonly<Record<string, Upcaster>> = {};

export class UnreadableEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEvent';
  }
}

/**
 * Reads a stored event as the current catalogue defines it, whatever version it was written in.
 * A store that never recorded a version passes `undefined`, read as version 1.
 */
export function upcast(type: string, schemaVersion: number | undefined, data: unknown): RegieEvent {
  if (!isEventType(type)) {
    throw new UnreadableEvent(`unknown event type '${type}': it is not in the event catalogue`);
  }
  const current: number = SCHEMA_VERSIONS[type];
  const stored = schemaVersion ?? 1;
  if (!Number.isInteger(stored) || stored < 1 || stored > current) {
    throw new UnreadableEvent(`${type} version ${stored} cannot be read: this catalogue knows versions 1 to ${current}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UnreadableEvent(`${type} version ${stored} has no data object`);
  }
  let upcasted = data as Record<string, unknown>;
  for (let version = stored; version < current; version++) {
    const step = UPCASTERS[`${type}@${version}`];
    if (!step) throw new UnreadableEvent(`no upcaster from ${type} version ${version} to ${version + 1}`);
    upcasted = step(upcasted);
  }
  return { type, schemaVersion: current, data: upcasted } as RegieEvent;
}
