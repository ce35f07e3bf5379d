import { AlreadyExists } from '../domain-errors';
import { requireActivePartner } from '../partners';
import { requireText } from '../validation';
import { about, fact, type Decision } from './fact';

export const sharePerspective: Decision<'SharePerspective'> = (command, state) => {
  const partner = requireActivePartner(state, command.partnerId, 'share a perspective');
  return [
    fact('PerspectiveShared', {
      ...about(state, command),
      partnerId: partner.partnerId,
      summary: requireText(command.summary, 'the perspective'),
    }),
  ];
};

export const agreeSharedPicture: Decision<'AgreeSharedPicture'> = (command, state) => [
  fact('SharedPictureAgreed', { ...about(state, command), summary: requireText(command.summary, 'the shared picture') }),
];

export const confirmUrgency: Decision<'ConfirmUrgency'> = (command, state) => {
  const partner = requireActivePartner(state, command.partnerId, 'confirm urgency');
  if (state.urgencyConfirmations.some((c) => c.partnerId === partner.partnerId)) {
    throw new AlreadyExists(`${partner.name} has already confirmed urgency`);
  }
  return [fact('UrgencyConfirmed', { ...about(state, command), partnerId: partner.partnerId })];
};
