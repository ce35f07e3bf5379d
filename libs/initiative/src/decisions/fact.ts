import { SCHEMA_VERSIONS, type InitiativeEvent } from '../../../../events';
import { AlreadyExists } from '../domain-errors';
import type { InitiativeCommand } from '../initiative.commands';
import type { Initiative } from '../initiative.state';
import { requireText } from '../validation';

export type EventOf<T extends InitiativeEvent['type']> = Extract<InitiativeEvent, { type: T }>;
export type CommandOf<T extends InitiativeCommand['type']> = Extract<InitiativeCommand, { type: T }>;

/** One command's decision about a started initiative. */
export type Decision<T extends InitiativeCommand['type']> = (command: CommandOf<T>, state: Initiative) => InitiativeEvent[];

/** An event in the catalogue's current schema version. */
export function fact<T extends InitiativeEvent['type']>(type: T, data: EventOf<T>['data']): EventOf<T> {
  return { type, schemaVersion: SCHEMA_VERSIONS[type], data } as EventOf<T>;
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
