import type { Actor } from '../../../../libs/auth/src';
import type { PartnerRole } from '../../../../events';
import { workday } from './calendar';
import type { Organisation } from './organisations';
import type { Network, Scene } from './script';

/**
 * Steps every storyline takes in the same way, named after the method. A network's regisseur
 * speaks through its programme manager; every other partner through one of its own members.
 */
export interface Cast {
  scene: Scene;
  network: Network;
  regisseur: Organisation;
  pm: Actor;
}

export interface Participant {
  organisation: Organisation;
  role: PartnerRole;
  competence: string;
}

/** One thing a partner says or does, in its own words. */
export interface Said {
  by: Organisation;
  text: string;
}

export const voiceOf = (cast: Cast, organisation: Organisation): Actor =>
  organisation.name === cast.regisseur.name ? cast.pm : cast.scene.member(organisation);

/** Acts on `items` a few per working day from `from` on, the way meetings and mail rounds go. */
export async function overDays<T>(
  scene: Scene,
  from: string,
  perDay: number,
  items: readonly T[],
  act: (item: T) => Promise<unknown>,
  time = '09:00',
): Promise<void> {
  for (const [i, item] of items.entries()) {
    if (i % perDay === 0) await scene.on(workday(from, Math.floor(i / perDay)), time);
    await act(item);
  }
}

/** Step 1: the programme manager invites the partners. */
export const invite = (cast: Cast, participants: readonly Participant[], from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, participants, ({ organisation, role, competence }) =>
    cast.scene.as(cast.pm).do(cast.network, 'JoinPartner', { partnerId: cast.scene.idOf(organisation), role, competence }),
  );

/** Step 1: every partner brings its own picture of the problem. */
export const sharePerspectives = (cast: Cast, perspectives: readonly Said[], from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, perspectives, ({ by, text }) =>
    cast.scene.as(voiceOf(cast, by)).do(cast.network, 'SharePerspective', { partnerId: cast.scene.idOf(by), summary: text }),
  );

/** Step 1: every partner confirms, for itself, that the problem is urgent enough to act on together. */
export const confirmUrgency = (cast: Cast, partners: readonly Organisation[], from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, partners, (by) => cast.scene.as(voiceOf(cast, by)).do(cast.network, 'ConfirmUrgency', { partnerId: cast.scene.idOf(by) }));

/** Step 3: every partner owns a building block from its own core competence. */
export const addBuildingBlocks = (cast: Cast, blocks: readonly Said[], from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, blocks, ({ by, text }) =>
    cast.scene.as(voiceOf(cast, by)).do(cast.network, 'AddBuildingBlock', { partnerId: cast.scene.idOf(by), description: text }),
  );

export interface Contribution {
  by: Organisation;
  text: string;
  hoursPerMonth?: number;
}

export const commitContributions = (cast: Cast, contributions: readonly Contribution[], from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, contributions, ({ by, text, hoursPerMonth }) =>
    cast.scene.as(voiceOf(cast, by)).do(cast.network, 'CommitContribution', {
      partnerId: cast.scene.idOf(by),
      description: text,
      ...(hoursPerMonth !== undefined && { hoursPerMonth }),
    }),
  );

/** Step 3: each partner signs the current covenant version for itself. */
export const signCovenant = (cast: Cast, partners: readonly Organisation[], version: number, from: string, perDay: number) =>
  overDays(cast.scene, from, perDay, partners, (by) =>
    cast.scene.as(voiceOf(cast, by)).do(cast.network, 'SignCovenant', { partnerId: cast.scene.idOf(by), version }),
  );

export const advance = async (cast: Cast, on: string, to: 'define' | 'co-design' | 'pilot' | 'integrate' | 're-legitimise') => {
  await cast.scene.on(on, '15:00');
  await cast.scene.as(cast.pm).do(cast.network, 'Advance', { to });
};

/** A KPI as the network agrees it in co-design, with the values its owner reports per period. */
export interface KpiPlan {
  name: string;
  owner: Organisation;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
  targetDate: string;
  frequency: 'monthly' | 'quarterly';
  /** period → value, in the order they are reported */
  values: Readonly<Record<string, number>>;
  /** period → a short narrative the owner adds */
  notes?: Readonly<Record<string, string>>;
}

/** Defines the KPIs of one desired effect; answers their ids in the same order. */
export async function defineKpis(cast: Cast, effectId: string, kpis: readonly KpiPlan[]): Promise<string[]> {
  const ids: string[] = [];
  for (const kpi of kpis) {
    ids.push(
      await cast.scene.as(cast.pm).do(cast.network, 'DefineKpi', {
        name: kpi.name,
        effectId,
        ownerPartnerId: cast.scene.idOf(kpi.owner),
        unit: kpi.unit,
        direction: kpi.direction,
        baseline: kpi.baseline,
        target: kpi.target,
        targetDate: kpi.targetDate,
        frequency: kpi.frequency,
      }),
    );
  }
  return ids;
}

/** The owners report one period's values, each for its own KPI. */
export async function reportPeriod(cast: Cast, period: string, on: string, kpis: ReadonlyArray<{ id: string; plan: KpiPlan }>, time = '10:00'): Promise<void> {
  await cast.scene.on(on, time);
  for (const { id, plan } of kpis) {
    const value = plan.values[period];
    if (value === undefined) continue;
    const note = plan.notes?.[period];
    await cast.scene.as(voiceOf(cast, plan.owner)).do(cast.network, 'RecordMeasurement', {
      kpiId: id,
      period,
      value,
      partnerId: cast.scene.idOf(plan.owner),
      ...(note && { note }),
    });
  }
}

/** Pilot cases are anonymous references: never a name, a date of birth or an address. */
export interface PilotCase {
  ref: string;
  partners: readonly Organisation[];
  learning: string;
  on: string;
}

export async function recordPilotCases(cast: Cast, cases: readonly PilotCase[]): Promise<void> {
  for (const c of cases) {
    await cast.scene.on(c.on, '14:00');
    // The first partner on the case reports it, as a member of its own organisation.
    await cast.scene.as(voiceOf(cast, c.partners[0])).do(cast.network, 'RecordPilotCase', {
      caseRef: c.ref,
      partnerIds: c.partners.map((p) => cast.scene.idOf(p)),
      learning: c.learning,
    });
  }
}

export async function recordLessons(cast: Cast, lessons: ReadonlyArray<{ on: string; by?: Organisation; lesson: string }>): Promise<void> {
  for (const { on, by, lesson } of lessons) {
    await cast.scene.on(on, '16:00');
    await cast.scene.as(by ? voiceOf(cast, by) : cast.pm).do(cast.network, 'RecordLesson', { lesson });
  }
}
