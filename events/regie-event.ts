import type { InitiativeEvent } from './initiative';
import type { PartnerEvent } from './partner';

export type RegieEvent = InitiativeEvent | PartnerEvent;
