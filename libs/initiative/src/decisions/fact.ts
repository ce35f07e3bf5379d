import { SCHEMA_VERSIONS, type EventOfType, type InitiativeEvent } from '../../../../events';
import { AlreadyExists } from '../domain-errors';
import type { InitiativeCommandOf, InitiativeCommandType } from '../initiative.commands';
import type { Initiative } from '../initiative.state';
import { requireText } from '../validation';

/** One command's decision about a started initiative. */
export type Decision<T extends InitiativeCommandType> = (command: InitiativeCommandOf<T>, state: Initiative) => InitiativeEvent[];

/** An event in the catalogue's current schema version. */
export function fact<T extends InitiativeEvent['type']>(type: T, data: EventOfType<T>['data']): EventOfType<T> {
  return { type, schemaVersion: SCHEMA_VERSIONS[type], data } as EventOfType<T>;
}

/** What every initiative event carries: whose it is and when it happened in domain time. */
export const about = (state: Initiative, command: { now: string }) => ({
  initiativeId: state.id,
  occurredAt: command.now,
});

/** Ids come from the handler; a repeated one means the same thing twice, never a new thing. */
export function requireNewId(existing: ReadonlyArray<{ id: string }>, id: unknown, what: string): string {
  requireText(id, `the ${what} id`);
  if (existing.some((item) => item.id === id)) {
    throw new AlreadyExists(`${what} '${String(id)}' already exists in this initiative: use a new id`);
  }
  return id as string;
}
