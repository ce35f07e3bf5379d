import { AlreadyExists, RuleViolated, UnknownReference } from '../domain-errors';
import { requireActivePartner } from '../partners';
import { requireDate, requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';

export const planRolloutWave: Decision<'PlanRolloutWave'> = (command, state) => {
  const waveId = requireNewId(state.rolloutWaves, command.waveId, 'roll-out wave');
  if (!Array.isArray(command.partnerIds) || command.partnerIds.length === 0) {
    throw new RuleViolated('a roll-out wave names no partner: name the partners it rolls out to');
  }
  const partnerIds = command.partnerIds.map((id) => requireActivePartner(state, id, 'take part in a roll-out wave').partnerId);
  return [
    fact('RolloutWavePlanned', {
      ...about(state, command),
      waveId,
      partnerIds,
      plannedStart: requireDate(command.plannedStart, 'the planned start'),
    }),
  ];
};

export const completeRolloutWave: Decision<'CompleteRolloutWave'> = (command, state) => {
  const wave = state.rolloutWaves.find((w) => w.id === command.waveId);
  if (!wave) throw new UnknownReference(`roll-out wave '${command.waveId}' is not planned in this initiative: plan it first`);
  if (wave.completedAt) throw new AlreadyExists(`roll-out wave '${wave.id}' was already completed on ${wave.completedAt}`);
  return [fact('RolloutWaveCompleted', { ...about(state, command), waveId: wave.id })];
};

export const appointAmbassador: Decision<'AppointAmbassador'> = (command, state) => {
  const partner = requireActivePartner(state, command.partnerId, 'appoint an ambassador');
  return [
    fact('AmbassadorAppointed', {
      ...about(state, command),
      partnerId: partner.partnerId,
      role: requireText(command.role, "the ambassador's role"),
    }),
  ];
};
