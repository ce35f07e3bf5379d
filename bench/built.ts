import { join } from 'node:path';
import { ROOT } from './servers';

/**
 * A module of Regie as `npm start` runs it: compiled into dist/ (bench/main.ts builds first), by its
 * source path. Timed from the TypeScript sources, the event store and its writer thread ran under
 * ts-node, which no deployment does: 50 appends in flight went 8,000–8,600 a second against
 * 11,100–13,700 built.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time, typed as the sources it was built from
export const built = <M>(source: string): M => require(join(ROOT, 'dist', source)) as M;

export const builtEventStore = () => built<typeof import('../libs/event-store/src')>('libs/event-store/src');
