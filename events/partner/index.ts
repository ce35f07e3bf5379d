import type { PartnerRegistered } from './partner-registered';

export type { PartnerRegistered };
export type PartnerEvent = PartnerRegistered;
