import type { Phase } from '../../../events';
import type { Initiative } from './initiative.state';
import { activePartners, nameOf, namesOf } from './partners';
import { nextPhase } from './phases';

/**
 * A condition answers with one plain line per unmet part, naming partners by name; [] when met.
 * Its `rule` names it whether met or not, for a checklist of the whole gate.
 */
export type GateCondition = ((state: Initiative) => string[]) & { readonly rule: string };

const condition = (rule: string, check: (state: Initiative) => string[]): GateCondition => Object.assign(check, { rule });

const activeIds = (s: Initiative): ReadonlySet<string> => new Set(activePartners(s).map((p) => p.partnerId));

const atLeastTwoActivePartners = condition('at-least-two-active-partners', (s) => {
  const count = activePartners(s).length;
  return count >= 2 ? [] : [`at least 2 active partners are needed, there ${count === 1 ? 'is 1' : `are ${count}`}`];
});

const everyActivePartnerSharedAPerspective = condition('every-partner-shared-a-perspective', (s) =>
  activePartners(s)
    .filter((p) => !s.perspectives.some((x) => x.partnerId === p.partnerId))
    .map((p) => `${p.name} has not shared a perspective`),
);

const everyActivePartnerConfirmedUrgency = condition('every-partner-confirmed-urgency', (s) =>
  activePartners(s)
    .filter((p) => !s.urgencyConfirmations.some((x) => x.partnerId === p.partnerId))
    .map((p) => `${p.name} has not confirmed urgency`),
);

const sharedPictureAgreed = condition('shared-picture-agreed', (s) => (s.sharedPicture ? [] : ['no shared picture agreed']));

const problemDefinitionAgreed = condition('problem-definition-agreed', (s) => (s.problemDefinition ? [] : ['no problem definition agreed']));

const atLeastOneDesiredEffect = condition('at-least-one-desired-effect', (s) => (s.desiredEffects.length ? [] : ['no desired effect defined']));

const intentStated = condition('intent-stated', (s) => (s.intent ? [] : ['no intent stated']));

// Building blocks come "from each partner's own core competence": everyone who takes part brings one.
const everyActivePartnerOwnsABuildingBlock = condition('every-partner-owns-a-building-block', (s) =>
  activePartners(s)
    .filter((p) => !s.buildingBlocks.some((b) => b.partnerId === p.partnerId))
    .map((p) => `${p.name} owns no building block`),
);

// A KPI needs someone to report it: one owned by a partner that left no longer counts, and the
// line says which KPI lost its owner so the network knows what to hand over.
const everyDesiredEffectHasAKpi = condition('every-desired-effect-has-a-kpi', (s) => {
  const active = activeIds(s);
  return s.desiredEffects.flatMap((e) => {
    const kpis = s.kpis.filter((k) => k.effectId === e.id);
    if (!kpis.length) return [`desired effect '${e.description}' has no KPI`];
    if (kpis.some((k) => active.has(k.ownerPartnerId))) return [];
    const orphaned = kpis.map((k) => `'${k.name}' is owned by ${nameOf(s, k.ownerPartnerId)}, which left`).join('; ');
    return [`desired effect '${e.description}' has no KPI owned by an active partner: ${orphaned}`];
  });
});

// Part of every gate from co-design on: a new covenant version, or a partner joining later, needs
// signatures before the next gate.
const currentCovenantSignedByEveryActivePartner = condition('covenant-signed-by-every-partner', (s) => {
  if (!s.covenant) return ['no covenant drafted'];
  const { version, signedBy } = s.covenant;
  const unsigned = activePartners(s).filter((p) => !signedBy.includes(p.partnerId));
  return unsigned.length
    ? [
        `the covenant (version ${version}) is not signed by ${namesOf(
          s,
          unsigned.map((p) => p.partnerId),
        )}`,
      ]
    : [];
});

const pilotEvaluatedSuccessful = condition('pilot-evaluated-successful', (s) => {
  if (!s.pilot) return ['no pilot started'];
  if (!s.pilot.evaluation) return ['the pilot has not been evaluated'];
  return s.pilot.evaluation.outcome === 'successful' ? [] : ['the pilot was evaluated unsuccessful: return to co-design and run a new pilot'];
});

// A wave rolls the approach out into partner organisations. While one of its partners still takes
// part, the wave still has somewhere to land and must be completed; a wave whose partners all left
// has nobody left to roll out to, so it no longer blocks. (Counting only the active partners'
// waves, rather than dropping a wave the moment one partner leaves, keeps a half-emptied wave
// honest: the partners that stayed still expect it.)
const everyPlannedWaveCompleted = condition('every-wave-completed', (s) => {
  const active = activeIds(s);
  return s.rolloutWaves
    .filter((w) => !w.completedAt)
    .map((w) => ({ w, stillIn: w.partnerIds.filter((id) => active.has(id)) }))
    .filter(({ stillIn }) => stillIn.length > 0)
    .map(({ w, stillIn }) => `the roll-out wave planned for ${w.plannedStart} (${namesOf(s, stillIn)}) is not completed`);
});

const atLeastOneAmbassador = condition('at-least-one-ambassador', (s) => {
  if (!s.ambassadors.length) return ['no ambassador appointed'];
  const active = activeIds(s);
  return s.ambassadors.some((a) => active.has(a.partnerId))
    ? []
    : ['no ambassador of an active partner: every ambassador appointed so far belongs to a partner that left'];
});

export interface Gate {
  from: Phase;
  /** null where no advance leads on: re-legitimise ends only by a dissolve verdict */
  to: Phase | null;
  conditions: readonly GateCondition[];
  unmet(state: Initiative): string[];
  /** every condition of the gate, met or not, in the order the method lists them */
  checklist(state: Initiative): Array<{ rule: string; met: boolean; unmet: string[] }>;
}

const GATES: { readonly [P in Phase]: readonly GateCondition[] } = {
  explore: [atLeastTwoActivePartners, everyActivePartnerSharedAPerspective, everyActivePartnerConfirmedUrgency, sharedPictureAgreed],
  define: [problemDefinitionAgreed, atLeastOneDesiredEffect, intentStated],
  'co-design': [everyActivePartnerOwnsABuildingBlock, everyDesiredEffectHasAKpi, currentCovenantSignedByEveryActivePartner],
  pilot: [pilotEvaluatedSuccessful, currentCovenantSignedByEveryActivePartner],
  integrate: [everyPlannedWaveCompleted, atLeastOneAmbassador, currentCovenantSignedByEveryActivePartner],
  're-legitimise': [],
  dissolved: [],
};

export function gateFor(phase: Phase): Gate {
  const conditions = GATES[phase];
  return {
    from: phase,
    to: nextPhase(phase),
    conditions,
    unmet: (state) => conditions.flatMap((check) => check(state)),
    checklist: (state) =>
      conditions.map((check) => {
        const unmet = check(state);
        return { rule: check.rule, met: unmet.length === 0, unmet };
      }),
  };
}

/**
 * Every unmet condition of the gate out of the initiative's current phase, in plain words.
 * `Advance` refuses with exactly these; the portfolio shows the same lines.
 */
export function unmetConditions(state: Initiative): string[] {
  return gateFor(state.phase).unmet(state);
}
