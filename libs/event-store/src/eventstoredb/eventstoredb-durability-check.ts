import { EventStoreUnavailable } from '../errors';
import type { EventStoreDbCalls } from './eventstoredb-calls';
import { ephemeralServerOptions } from './eventstoredb-mapping';

/**
 * In production, refuses a node that keeps its data only in memory (MemDb or Dev on) — or one whose
 * configuration cannot be read, since durability cannot then be vouched for. `nodeOptions` reads the
 * node's GET /info/options.
 */
export const refuseEphemeralServer = async (calls: EventStoreDbCalls, nodeOptions?: () => Promise<unknown>): Promise<void> => {
  const refuse = (why: string) => new Error(`Refusing to use EventStoreDB at ${calls.target} in production: ${why}`);
  if (!nodeOptions) throw refuse("cannot read the node's configuration to check that it keeps its data on disk");
  let answer: unknown;
  try {
    answer = await calls.call('read /info/options', nodeOptions);
  } catch (error) {
    if (error instanceof EventStoreUnavailable) throw error;
    throw refuse(
      `could not read its configuration (GET /info/options: ${(error as Error).message}) to check that it keeps ` +
        'its data on disk. That endpoint answers users in the $ops or $admins group (and any client of an --insecure node).',
    );
  }
  let ephemeral: string[];
  try {
    ephemeral = ephemeralServerOptions(answer);
  } catch (error) {
    throw refuse((error as Error).message);
  }
  if (ephemeral.length > 0) {
    throw refuse(
      `the node runs with ${ephemeral.map((o) => `${o}=true`).join(' and ')} (--mem-db / --dev), so every event would be ` +
        'lost when it stops. Run it with a data directory and without --mem-db or --dev.',
    );
  }
};
