import { deepStrictEqual, fail, ok } from 'node:assert';
import type { InitiativeEvent } from '../../../../events';
import { decide } from '../initiative.decide';
import type { InitiativeCommand } from '../initiative.commands';
import { evolve } from '../initiative.evolve';
import { initialState, type InitiativeState } from '../initiative.state';

// node:assert rather than Jest's expect, so this helper compiles in the app build as well.

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * given(...history).when(command).then(...events) or .thenThrows(ErrorClass, expected): the
 * method's rules read as a story. `expected` is the full list of unmet gate conditions (string[])
 * or a fragment of the message (string).
 */
export function given(...history: InitiativeEvent[]) {
  const state: InitiativeState = history.reduce(evolve, initialState);
  return {
    state,
    when(command: InitiativeCommand) {
      const run = () => decide(command, state);
      return {
        then(...expected: InitiativeEvent[]): InitiativeEvent[] {
          const events = run();
          deepStrictEqual(events, expected);
          return events;
        },
        thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected?: readonly string[] | string): E {
          let events: InitiativeEvent[];
          try {
            events = run();
          } catch (error) {
            ok(error instanceof errorClass, `expected ${errorClass.name}, got ${String(error)}`);
            if (Array.isArray(expected)) deepStrictEqual((error as unknown as { unmet: string[] }).unmet, expected);
            else if (typeof expected === 'string') {
              ok(error.message.includes(expected), `expected "${error.message}" to contain "${expected}"`);
            }
            return error;
          }
          return fail(`expected ${errorClass.name}, but the command decided ${JSON.stringify(events.map((e) => e.type))}`);
        },
      };
    },
  };
}
