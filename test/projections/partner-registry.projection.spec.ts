import type { RegieEvent } from '../../events';
import { measurementRecorded } from '../../libs/initiative/src/testing/fixtures';
import { partnerList, partnerRegistryProjection } from '../../libs/projections/src';
import { project } from './support/project';

const registered = (id: string, name: string, kind: 'police' | 'municipality'): RegieEvent => ({
  type: 'PartnerRegistered',
  schemaVersion: 1,
  data: { partnerId: id, name, kind, occurredAt: `2025-01-0${id.length}T00:00:00.000Z` },
});

describe('the partner registry projection', () => {
  it('lists every registered partner — id, name, kind, registeredAt — by name', () => {
    const docs = project(partnerRegistryProjection, [
      registered('p-2', 'Politie', 'police'),
      registered('p-1', 'Gemeente', 'municipality'),
      measurementRecorded('2025-Q1', 1),
    ]);
    expect(partnerList([...docs.values()])).toEqual([
      { id: 'p-1', name: 'Gemeente', kind: 'municipality', registeredAt: '2025-01-03T00:00:00.000Z' },
      { id: 'p-2', name: 'Politie', kind: 'police', registeredAt: '2025-01-03T00:00:00.000Z' },
    ]);
  });
});
