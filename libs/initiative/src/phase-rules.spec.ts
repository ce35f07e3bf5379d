import { PHASES, type Phase } from '../../../events';
import { WrongPhase } from './domain-errors';
import { decide } from './initiative.decide';
import type { InitiativeCommand } from './initiative.commands';
import { PHASE_RULES } from './phase-rules';
import { given } from './testing/given';
import { historyIn, stateOf } from './testing/fixtures';
import { SAMPLES } from './testing/sample-commands';

const LIVE_PHASES = PHASES.filter((p) => p !== 'dissolved');
const cases = (Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>).flatMap((type) =>
  LIVE_PHASES.filter((phase) => !PHASE_RULES[type].allowedIn.includes(phase)).map((phase) => [type, phase] as const),
);

const decideIn = (phase: Phase, command: InitiativeCommand) => () => decide(command, stateOf(historyIn(phase)));

describe('each command belongs to its phases', () => {
  it.each(cases)('%s is refused in %s, and the refusal names that phase', (type, phase) => {
    const error = given(...historyIn(phase))
      .when(SAMPLES[type])
      .thenThrows(WrongPhase, `not in ${phase}`);
    expect(error.phase).toBe(phase);
    expect(error.allowed).toEqual(PHASE_RULES[type].allowedIn);
  });

  it.each((Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>).flatMap((type) => PHASE_RULES[type].allowedIn.map((phase) => [type, phase] as const)))(
    '%s is not refused for its phase in %s',
    (type, phase) => {
      let thrown: unknown;
      try {
        decideIn(phase, SAMPLES[type])();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).not.toBeInstanceOf(WrongPhase);
    },
  );

  it.each((Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>).filter((type) => !PHASE_RULES[type].allowedIn.includes('dissolved')))(
    'a dissolved initiative refuses %s',
    (type) => {
      // A verdict on the review that dissolved it is refused as concluded (reviews.decisions.spec): here, on another.
      const command = type === 'ConcludeReview' ? { ...SAMPLES[type], reviewId: 'r-2' } : SAMPLES[type];
      given(...historyIn('dissolved'))
        .when(command)
        .thenThrows(WrongPhase, 'is dissolved: a dissolved initiative accepts no more commands');
    },
  );
});

describe('what a wrong-phase refusal says', () => {
  it('no solution talk in define: building blocks wait for co-design', () => {
    given(...historyIn('define'))
      .when(SAMPLES.AddBuildingBlock)
      .thenThrows(WrongPhase, 'building blocks can be added in co-design, not in define');
  });

  it('no KPIs in define', () => {
    given(...historyIn('define'))
      .when(SAMPLES.DefineKpi)
      .thenThrows(WrongPhase, 'KPIs can be defined in co-design, not in define');
  });

  it('no pilot in define', () => {
    given(...historyIn('define'))
      .when(SAMPLES.StartPilot)
      .thenThrows(WrongPhase, 'a pilot can be started in pilot, not in define');
  });

  it('lists every phase a command is allowed in', () => {
    given(...historyIn('explore'))
      .when(SAMPLES.CommitContribution)
      .thenThrows(WrongPhase, 'contributions can be committed in co-design, pilot or integrate, not in explore');
  });

  it('measurements start with the pilot', () => {
    given(...historyIn('co-design'))
      .when(SAMPLES.RecordMeasurement)
      .thenThrows(WrongPhase, 'KPI measurements can be recorded in pilot, integrate or re-legitimise, not in co-design');
  });
});
