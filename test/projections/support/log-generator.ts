import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSIONS, type RegieEvent } from '../../../events';
import type { EventStore, EventToAppend } from '../../../libs/event-store/src';

/**
 * A realistic log, written straight through the store's batched append: partners registered,
 * then per initiative the method's history up to the pilot (every gate met, so the events are
 * what the decider would have written), some initiatives further on with roll-out, reviews and
 * verdicts, and mostly KPI measurements — with corrections, target revisions, lessons and cases
 * mixed in. Deterministic for a seed.
 */
export interface LogSpec {
  initiatives: number;
  /** total events, partner registrations included (at least what the histories need) */
  events: number;
  seed?: number;
  /** events per append (one stream at a time, streams taking turns) */
  chunk?: number;
  onProgress?: (written: number) => void;
}

const rng = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const KINDS = ['municipality', 'police', 'public-prosecutor', 'care', 'youth-care', 'probation', 'housing', 'education'] as const;
const PARTNERS = 24;

const fact = <T extends RegieEvent['type']>(type: T, data: Extract<RegieEvent, { type: T }>['data']): RegieEvent =>
  ({ type, schemaVersion: SCHEMA_VERSIONS[type], data }) as RegieEvent;

const monthly = (i: number) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const quarterly = (i: number) => `${2021 + Math.floor(i / 4)}-Q${(i % 4) + 1}`;

interface Kpi {
  id: string;
  frequency: 'monthly' | 'quarterly';
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
  owner: string;
  drift: number;
}

/** One initiative's stream, event by event. */
function* initiativeHistory(n: number, partnerIds: string[], names: Map<string, string>, random: () => number, measurements: number): Generator<RegieEvent> {
  const initiativeId = `init-${String(n).padStart(5, '0')}`;
  let clock = Date.UTC(2020, 0, 1) + n * 3_600_000;
  const at = (days = 1) => {
    clock += Math.round(days * 86_400_000 * (0.5 + random()));
    return new Date(clock).toISOString();
  };
  const regisseur = partnerIds[n % partnerIds.length];
  const members = [regisseur, ...[1, 2, 3].map((k) => partnerIds[(n + k * 5) % partnerIds.length])];
  const base = () => ({ initiativeId, occurredAt: at(0.2) });

  yield fact('InitiativeStarted', {
    ...base(),
    title: `Netwerkaanpak ${n}`,
    problemArea: 'subversive crime',
    regisseurPartnerId: regisseur,
    regisseurPartnerName: names.get(regisseur)!,
  });
  yield fact('PartnerJoined', { ...base(), partnerId: regisseur, partnerName: names.get(regisseur)!, role: 'regisseur', competence: 'network direction' });
  for (const p of members.slice(1))
    yield fact('PartnerJoined', { ...base(), partnerId: p, partnerName: names.get(p)!, role: 'participant', competence: 'core work' });
  for (const p of members) yield fact('PerspectiveShared', { ...base(), partnerId: p, summary: `how ${names.get(p)} sees it` });
  for (const p of members) yield fact('UrgencyConfirmed', { ...base(), partnerId: p });
  yield fact('SharedPictureAgreed', { ...base(), summary: 'networks recruit youngsters' });
  yield fact('PhaseAdvanced', { initiativeId, from: 'explore', to: 'define', occurredAt: at(20) });
  yield fact('ProblemDefinitionAgreed', { ...base(), statement: 'signals reach no one who can act' });
  const effects = [`${initiativeId}-e1`, `${initiativeId}-e2`];
  for (const e of effects) yield fact('DesiredEffectDefined', { ...base(), effectId: e, description: `effect ${e}` });
  yield fact('IntentStated', { ...base(), statement: 'act together early' });
  yield fact('PhaseAdvanced', { initiativeId, from: 'define', to: 'co-design', occurredAt: at(30) });
  for (const p of members) yield fact('BuildingBlockAdded', { ...base(), blockId: `${initiativeId}-b-${p}`, partnerId: p, description: 'its part' });
  for (const p of members)
    yield fact('ContributionCommitted', {
      ...base(),
      contributionId: `${initiativeId}-c-${p}`,
      partnerId: p,
      description: 'capacity',
      hoursPerMonth: 8 + Math.floor(random() * 32),
    });
  const kpis: Kpi[] = [0, 1, 2, 3].map((k) => {
    const direction = k % 2 ? 'decrease' : 'increase';
    const baseline = 40 + Math.floor(random() * 20);
    return {
      id: `${initiativeId}-k${k}`,
      frequency: k < 2 ? 'monthly' : 'quarterly',
      baseline,
      direction,
      target: direction === 'increase' ? baseline + 40 : baseline - 30,
      owner: members[1 + (k % 3)],
      drift: random() * 1.5 - 0.3,
    };
  });
  for (const [k, kpi] of kpis.entries()) {
    yield fact('KpiDefined', {
      ...base(),
      kpiId: kpi.id,
      name: `KPI ${k}`,
      effectId: effects[k % 2],
      ownerPartnerId: kpi.owner,
      unit: '%',
      direction: kpi.direction,
      baseline: kpi.baseline,
      target: kpi.target,
      targetDate: '2029-12-31',
      frequency: kpi.frequency,
    });
  }
  yield fact('CovenantVersionDrafted', {
    ...base(),
    version: 1,
    purposes: ['signal sharing'],
    dataCategories: ['case references'],
    legalBasis: 'public task',
    retentionMonths: 24,
  });
  for (const p of members) yield fact('CovenantSigned', { ...base(), partnerId: p, version: 1 });
  yield fact('PhaseAdvanced', { initiativeId, from: 'co-design', to: 'pilot', occurredAt: at(40) });
  yield fact('PilotStarted', { ...base(), scope: 'two districts', startsOn: '2021-01-01', endsOn: '2021-12-31' });

  // Measurements, round after round over the KPIs and their periods; a tenth corrects the previous
  // round's value, a few lessons, cases and target revisions in between. A third of the
  // initiatives go on to integrate and re-legitimise half way.
  const further = n % 3 === 0;
  const counters = kpis.map(() => 0);
  const values = kpis.map((k) => k.baseline);
  let phase: 'pilot' | 'integrate' | 're-legitimise' = 'pilot';
  let reviews = 0;
  // Unbounded: the writer stops at the number of events asked for.
  for (let i = 0; ; i++) {
    if (further && phase === 'pilot' && i === Math.floor(measurements / 3)) {
      yield fact('PilotEvaluated', { ...base(), outcome: 'successful', rationale: 'cases were picked up' });
      yield fact('PhaseAdvanced', { initiativeId, from: 'pilot', to: 'integrate', occurredAt: at(10) });
      yield fact('RolloutWavePlanned', { ...base(), waveId: `${initiativeId}-w1`, partnerIds: members, plannedStart: '2022-01-01' });
      yield fact('RolloutWaveCompleted', { ...base(), waveId: `${initiativeId}-w1` });
      yield fact('AmbassadorAppointed', { ...base(), partnerId: regisseur, role: 'district lead' });
      yield fact('PhaseAdvanced', { initiativeId, from: 'integrate', to: 're-legitimise', occurredAt: at(10) });
      phase = 're-legitimise';
      i += 6;
      continue;
    }
    const r = random();
    if (phase === 're-legitimise' && r < 0.002) {
      const reviewId = `${initiativeId}-r${reviews++}`;
      yield fact('ReviewScheduled', { ...base(), reviewId, dueOn: new Date(clock + 30 * 86_400_000).toISOString().slice(0, 10), reason: 'cadence' });
      yield fact('ReviewConcluded', {
        ...base(),
        reviewId,
        verdict: 'continue',
        rationale: 'on course',
        decidedBy: { sub: 'sg-chair', partner: regisseur },
        evidence: { attainment: Math.round(random() * 100) / 100, note: 'frozen dashboard (abridged in the generator)' },
      });
      i += 1;
      continue;
    }
    if (r < 0.004) {
      yield fact('LessonRecorded', { ...base(), lessonId: `${initiativeId}-l${i}`, lesson: 'talk to each other early' });
      continue;
    }
    if (phase === 'pilot' && r < 0.006) {
      yield fact('PilotCaseRecorded', {
        ...base(),
        caseId: `${initiativeId}-case${i}`,
        caseRef: `CASE-${n}-${i}`,
        partnerIds: members.slice(0, 2),
        learning: 'a short line',
      });
      continue;
    }
    const k = i % kpis.length;
    const kpi = kpis[k];
    if (r < 0.007) {
      const target = kpi.direction === 'increase' ? kpi.target + 5 : kpi.target - 5;
      yield fact('KpiTargetRevised', {
        ...base(),
        kpiId: kpi.id,
        target,
        targetDate: '2029-12-31',
        previousTarget: kpi.target,
        previousTargetDate: '2029-12-31',
        reason: 'raise the bar',
      });
      kpi.target = target;
      continue;
    }
    const periods = kpi.frequency === 'monthly' ? 108 : 36;
    const correction = r > 0.9 && counters[k] > 0;
    const index = correction ? (counters[k] - 1) % periods : counters[k]++ % periods;
    const period = kpi.frequency === 'monthly' ? monthly(index) : quarterly(index);
    values[k] += (kpi.direction === 'increase' ? 1 : -1) * kpi.drift + (random() - 0.5) * 2;
    yield fact('MeasurementRecorded', {
      ...base(),
      kpiId: kpi.id,
      period,
      value: Math.round(values[k] * 10) / 10,
      partnerId: kpi.owner,
      ...(correction && { corrects: true }),
    });
  }
}

export async function generateLog(store: EventStore, spec: LogSpec): Promise<{ events: number; lastPosition: number }> {
  const random = rng(spec.seed ?? 42);
  const chunk = spec.chunk ?? 250;
  const partnerIds = Array.from({ length: PARTNERS }, (_, i) => `partner-${String(i).padStart(3, '0')}`);
  const names = new Map(partnerIds.map((id, i) => [id, `${KINDS[i % KINDS.length]} ${i}`]));
  const meta = (event: RegieEvent, actor: string) => ({
    actor: { sub: actor, partner: null },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: event.schemaVersion,
    command: 'Generated',
  });
  const toAppend = (event: RegieEvent, actor: string): EventToAppend => ({
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: meta(event, actor),
  });

  let written = 0;
  for (const [i, id] of partnerIds.entries()) {
    await store.append(
      `partner-${id}`,
      [
        toAppend(
          {
            type: 'PartnerRegistered',
            schemaVersion: 1,
            data: { partnerId: id, name: names.get(id)!, kind: KINDS[i % KINDS.length], occurredAt: '2019-12-01T00:00:00.000Z' },
          },
          'generator',
        ),
      ],
      'no-stream',
    );
    written++;
  }
  const perInitiative = Math.max(0, Math.floor((spec.events - written) / spec.initiatives) - 50);
  const streams = Array.from({ length: spec.initiatives }, (_, n) => ({
    stream: `initiative-init-${String(n).padStart(5, '0')}`,
    history: initiativeHistory(n, partnerIds, names, random, perInitiative),
    revision: -1,
    done: false,
  }));
  let last = 0;
  while (streams.some((s) => !s.done) && written < spec.events) {
    for (const s of streams) {
      if (s.done) continue;
      const batch: EventToAppend[] = [];
      while (batch.length < chunk && written + batch.length < spec.events) {
        const next = s.history.next();
        if (next.done) {
          s.done = true;
          break;
        }
        batch.push(toAppend(next.value, 'generator'));
      }
      if (!batch.length) {
        s.done = s.done || written >= spec.events;
        continue;
      }
      // 'any' after the first: a running app's saga may append early reviews to these streams meanwhile.
      const result = await store.append(s.stream, batch, s.revision === -1 ? 'no-stream' : 'any');
      s.revision = result.revision;
      last = result.position;
      written += batch.length;
      spec.onProgress?.(written);
      if (written >= spec.events) break;
    }
  }
  return { events: written, lastPosition: last };
}
