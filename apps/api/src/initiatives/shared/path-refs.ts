import type { Initiative } from '../../../../../libs/initiative/src';
import { Problem } from '../../http/problem';

const LISTS = {
  KPI: (s: Initiative) => s.kpis.map((k) => k.id),
  'roll-out wave': (s: Initiative) => s.rolloutWaves.map((w) => w.id),
  review: (s: Initiative) => s.reviews.map((r) => r.id),
  partner: (s: Initiative) => s.partners.map((p) => p.partnerId),
} as const;

/**
 * A path names a resource inside the initiative; one it does not hold is a 404, like any unknown
 * URL. (An id in a body that the initiative does not hold stays the decider's 422.) Called from
 * `build`, i.e. after the pipeline's visibility check, so outsiders still learn nothing.
 */
export function requireInPath(state: Initiative | null, what: keyof typeof LISTS, id: string): void {
  if (state && LISTS[what](state).includes(id)) return;
  throw new Problem(404, 'not-found', `${what} '${id}' does not exist in this initiative`);
}
