import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import { startTestApp, type TestApp } from '../support/test-app';
import type { RouteIds } from './routes';

export interface ExploringScene {
  t: TestApp;
  regie: Regie;
  p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  /** Haarlem directs, the police take part: an initiative in explore that every route can aim at */
  exploring: InitiativeWalk;
  ids: RouteIds;
  /** the log's position once the scene is set: a refused command must leave it there */
  before: number;
}

/** The stage the bad-input suites share: the real app, the Haarlem network, one initiative in explore. */
export const exploringScene = async (): Promise<ExploringScene> => {
  const t = await startTestApp();
  const regie = new Regie(t);
  const p = await regie.registerPartners(HAARLEM_NETWORK);
  const exploring = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
  const ids = { partnerId: p.police.id, newcomerId: p.ggz.id, effectId: 'e', kpiId: 'k', waveId: 'w', reviewId: 'r' };
  return { t, regie, p, exploring, ids, before: await logPosition(regie) };
};
