import type { Recorded } from '../recorded';

export type RolloutWaveCompleted = Recorded<
  'RolloutWaveCompleted',
  1,
  {
    initiativeId: string;
    waveId: string;
    occurredAt: string;
  }
>;
