import { DuplicateEventId, WrongExpectedRevision } from '../errors';

/** An error as it crosses from the writer thread: structured clone keeps neither class nor `code`. */
export type WireError =
  | { kind: 'wrong-expected-revision'; stream: string; expected: string | number; actual: number }
  | { kind: 'duplicate-event-id'; eventId: string; storedIn: string; storedAt: number }
  | { kind: 'other'; name: string; message: string; code?: string; stack?: string };

export const toWire = (error: unknown): WireError => {
  if (error instanceof WrongExpectedRevision) {
    return { kind: 'wrong-expected-revision', stream: error.stream, expected: error.expected, actual: error.actual };
  }
  if (error instanceof DuplicateEventId) {
    return { kind: 'duplicate-event-id', eventId: error.eventId, storedIn: error.storedIn, storedAt: error.storedAt };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { kind: 'other', name: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) };
};

/** The error the caller would have seen had the write run on its own thread (SQLite's `code` included). */
export const fromWire = (wire: WireError): Error => {
  switch (wire.kind) {
    case 'wrong-expected-revision':
      return new WrongExpectedRevision(wire.stream, wire.expected, wire.actual);
    case 'duplicate-event-id':
      return new DuplicateEventId(wire.eventId, wire.storedIn, wire.storedAt);
    case 'other': {
      const error = new Error(wire.message) as Error & { code?: string };
      error.name = wire.name;
      if (wire.code !== undefined) error.code = wire.code;
      if (wire.stack) error.stack = `${wire.name}: ${wire.message}\n    (in the SQLite writer thread)\n${wire.stack.split('\n').slice(1).join('\n')}`;
      return error;
    }
  }
};
