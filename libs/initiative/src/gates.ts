import type { Phase } from '../../../events';
import type { GateFindingCode } from './gate-finding-codes';
import type { Initiative } from './initiative.state';
import { activePartners, nameOf, namesOf } from './partners';
import { nextPhase } from './phases';

/**
 * One unmet part of a gate condition: `text` says it in English, as `advance` refuses with it;
 * `code` and `params` say the same for a client that speaks another language (the web app's Dutch).
 * Partners are named by name, as in the text.
 */
export interface GateFinding {
  code: GateFindingCode;
  params: Record<string, string | number | string[]>;
  text: string;
}

/** A condition answers with its unmet parts; [] when met. Its `rule` names it whether met or not, for a checklist of the whole gate. */
export type GateCondition = ((state: Initiative) => GateFinding[]) & { readonly rule: string };

const condition = (rule: string, check: (state: Initiative) => GateFinding[]): GateCondition => Object.assign(check, { rule });

const finding = (code: GateFindingCode, text: string, params: GateFinding['params'] = {}): GateFinding => ({ code, params, text });

/** A finding as an answer gives it beside its English line (which the answer carries apart): its code and what it names. */
export const findingCode = ({ code, params }: GateFinding): Omit<GateFinding, 'text'> => ({ code, params });

const activeIds = (s: Initiative): ReadonlySet<string> => new Set(activePartners(s).map((p) => p.partnerId));

const atLeastTwoActivePartners = condition('at-least-two-active-partners', (s) => {
  const count = activePartners(s).length;
  return count >= 2 ? [] : [finding('too-few-partners', `at least 2 active partners are needed, there ${count === 1 ? 'is 1' : `are ${count}`}`, { count })];
});

const everyActivePartnerSharedAPerspective = condition('every-partner-shared-a-perspective', (s) =>
  activePartners(s)
    .filter((p) => !s.perspectives.some((x) => x.partnerId === p.partnerId))
    .map((p) => finding('no-perspective', `${p.name} has not shared a perspective`, { partner: p.name })),
);

const everyActivePartnerConfirmedUrgency = condition('every-partner-confirmed-urgency', (s) =>
  activePartners(s)
    .filter((p) => !s.urgencyConfirmations.some((x) => x.partnerId === p.partnerId))
    .map((p) => finding('no-urgency', `${p.name} has not confirmed urgency`, { partner: p.name })),
);

const sharedPictureAgreed = condition('shared-picture-agreed', (s) => (s.sharedPicture ? [] : [finding('no-shared-picture', 'no shared picture agreed')]));

const problemDefinitionAgreed = condition('problem-definition-agreed', (s) =>
  s.problemDefinition ? [] : [finding('no-problem-definition', 'no problem definition agreed')],
);

const atLeastOneDesiredEffect = condition('at-least-one-desired-effect', (s) =>
  s.desiredEffects.length ? [] : [finding('no-desired-effect', 'no desired effect defined')],
);

const intentStated = condition('intent-stated', (s) => (s.intent ? [] : [finding('no-intent', 'no intent stated')]));

// Building blocks come "from each partner's own core competence": everyone who takes part brings one.
const everyActivePartnerOwnsABuildingBlock = condition('every-partner-owns-a-building-block', (s) =>
  activePartners(s)
    .filter((p) => !s.buildingBlocks.some((b) => b.partnerId === p.partnerId))
    .map((p) => finding('no-building-block', `${p.name} owns no building block`, { partner: p.name })),
);

// A KPI needs someone to report it: one owned by a partner that left no longer counts, and the
// line says which KPI lost its owner so the network knows what to hand over.
const everyDesiredEffectHasAKpi = condition('every-desired-effect-has-a-kpi', (s) => {
  const active = activeIds(s);
  return s.desiredEffects.flatMap((e) => {
    const kpis = s.kpis.filter((k) => k.effectId === e.id);
    if (!kpis.length) return [finding('effect-without-kpi', `desired effect '${e.description}' has no KPI`, { effect: e.description })];
    if (kpis.some((k) => active.has(k.ownerPartnerId))) return [];
    const owners = kpis.map((k) => nameOf(s, k.ownerPartnerId));
    const orphaned = kpis.map((k, i) => `'${k.name}' is owned by ${owners[i]}, which left`).join('; ');
    return [
      finding('effect-kpis-owners-left', `desired effect '${e.description}' has no KPI owned by an active partner: ${orphaned}`, {
        effect: e.description,
        kpis: kpis.map((k) => k.name),
        owners,
      }),
    ];
  });
});

// Part of every gate from co-design on: a new covenant version, or a partner joining later, needs
// signatures before the next gate.
const currentCovenantSignedByEveryActivePartner = condition('covenant-signed-by-every-partner', (s) => {
  if (!s.covenant) return [finding('no-covenant', 'no covenant drafted')];
  const { version, signedBy } = s.covenant;
  const unsigned = activePartners(s).filter((p) => !signedBy.includes(p.partnerId));
  const ids = unsigned.map((p) => p.partnerId);
  return unsigned.length
    ? [
        finding('covenant-unsigned', `the covenant (version ${version}) is not signed by ${namesOf(s, ids)}`, {
          version,
          partners: ids.map((id) => nameOf(s, id)),
        }),
      ]
    : [];
});

const pilotEvaluatedSuccessful = condition('pilot-evaluated-successful', (s) => {
  if (!s.pilot) return [finding('no-pilot', 'no pilot started')];
  if (!s.pilot.evaluation) return [finding('pilot-not-evaluated', 'the pilot has not been evaluated')];
  return s.pilot.evaluation.outcome === 'successful'
    ? []
    : [finding('pilot-unsuccessful', 'the pilot was evaluated unsuccessful: return to co-design and run a new pilot')];
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
    .map(({ w, stillIn }) =>
      finding('wave-not-completed', `the roll-out wave planned for ${w.plannedStart} (${namesOf(s, stillIn)}) is not completed`, {
        plannedStart: w.plannedStart,
        partners: stillIn.map((id) => nameOf(s, id)),
      }),
    );
});

const atLeastOneAmbassador = condition('at-least-one-ambassador', (s) => {
  if (!s.ambassadors.length) return [finding('no-ambassador', 'no ambassador appointed')];
  const active = activeIds(s);
  return s.ambassadors.some((a) => active.has(a.partnerId))
    ? []
    : [finding('ambassadors-left', 'no ambassador of an active partner: every ambassador appointed so far belongs to a partner that left')];
});

export interface Gate {
  from: Phase;
  /** null where no advance leads on: re-legitimise ends only by a dissolve verdict */
  to: Phase | null;
  conditions: readonly GateCondition[];
  unmet(state: Initiative): GateFinding[];
  /** every condition of the gate, met or not, in the order the method lists them */
  checklist(state: Initiative): Array<{ rule: string; met: boolean; unmet: GateFinding[] }>;
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
 * Every unmet condition of the gate out of the initiative's current phase. `Advance` refuses with
 * exactly these; the portfolio shows the same lines (their `text`).
 */
export function unmetConditions(state: Initiative): GateFinding[] {
  return gateFor(state.phase).unmet(state);
}
