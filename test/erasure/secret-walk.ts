import type { ManualClock } from '../../apps/api/src/write/clock';
import { InitiativeWalk, type Partner, type Regie } from '../support/initiative-fixtures';

/** The words a test plants in an initiative's free text: `prose` in what the initiative wrote, `cases` in pilot cases and notes. */
export interface Words {
  prose: string;
  cases: string;
}

export interface SecretWalk {
  walk: InitiativeWalk;
  kpiId: string;
  reviewId?: string;
}

/**
 * An initiative walked through HTTP with every free-text field the catalogue seals carrying a
 * recognisable word, up to the pilot (`dissolveAfterDays` undefined) or to its dissolution that
 * many days later. Titles, effects and KPI names carry none: they stay readable by design.
 */
export async function secretWalk(
  regie: Regie,
  clock: ManualClock,
  regisseur: Partner,
  other: Partner,
  words: Words,
  options: { title: string; retentionMonths: number; dissolveAfterDays?: number },
): Promise<SecretWalk> {
  const { prose, cases } = words;
  const walk = await InitiativeWalk.start(regie, { regisseur, title: options.title });
  await walk.ok('post', '/partners', { partnerId: other.id, role: 'participant', competence: `${prose} competence` });
  walk.partners.push(other);
  for (const p of [regisseur, other]) {
    await walk.ok('post', '/perspectives', { partnerId: p.id, summary: `${prose} perspective of ${p.name}` }, { token: await regie.member(p) });
  }
  await walk.ok('put', '/shared-picture', { summary: `${prose} shared picture` });
  await walk.completeExplore();
  await walk.advance('define');
  await walk.ok('put', '/problem-definition', { statement: `${prose} problem definition` });
  const effectId = await walk.defineEffect('Fewer youngsters recruited by criminal networks');
  await walk.ok('put', '/intent', { statement: `${prose} intent` });
  await walk.advance('co-design');
  for (const p of [regisseur, other]) {
    await walk.ok('post', '/building-blocks', { partnerId: p.id, description: `${prose} building block` }, { token: await regie.member(p) });
  }
  await walk.ok('post', '/contributions', { partnerId: other.id, description: `${prose} contribution`, hoursPerMonth: 16 });
  await walk.ok('post', '/technology', { description: `${prose} technology` });
  const kpiId = await walk.defineKpi({ effectId, owner: other });
  await walk.ok('put', '/covenant', {
    purposes: ['sharing signals between partners'],
    dataCategories: ['anonymous case references'],
    legalBasis: 'public task (art. 6(1)(e) GDPR)',
    retentionMonths: options.retentionMonths,
  });
  await walk.signCovenantByAll();
  await walk.advance('pilot');
  await walk.ok('post', '/pilot', { scope: `${prose} pilot scope`, startsOn: '2026-01-05', endsOn: '2026-06-30' });
  await walk.ok('post', '/pilot/cases', { caseRef: `${cases}-CASE-1`, partnerIds: [other.id], learning: `${cases} learning` });
  await walk.ok('post', '/lessons', { lesson: `${prose} lesson` });
  await walk.ok('post', `/kpis/${kpiId}/measurements`, { period: '2025-Q4', value: 55, partnerId: other.id, note: `${cases} note` });
  await walk.ok('post', `/kpis/${kpiId}/target-revisions`, { target: 75, reason: `${prose} target revision` });
  await walk.ok('post', '/pilot/evaluation', { outcome: 'successful', rationale: `${prose} evaluation` });
  if (options.dissolveAfterDays === undefined) return { walk, kpiId };

  await walk.advance('integrate');
  await walk.completeIntegrate();
  await walk.ok('post', '/ambassadors', { partnerId: other.id, role: `${prose} ambassador` });
  await walk.advance('re-legitimise');
  clock.advanceDays(options.dissolveAfterDays);
  const reviewId = await walk.scheduleReview('2026-12-31', `${prose} review reason`);
  await walk.verdict(reviewId, { verdict: 'dissolve', rationale: `${prose} verdict` });
  return { walk, kpiId, reviewId };
}
