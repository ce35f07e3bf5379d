import type { Recorded } from '../recorded';

/** A measurable societal effect the network wants to bring about; KPIs hang under it. */
export type DesiredEffectDefined = Recorded<
  'DesiredEffectDefined',
  1,
  {
    initiativeId: string;
    effectId: string;
    description: string;
    occurredAt: string;
  }
>;
