import { EVENT_TYPES, SCHEMA_VERSIONS, isEventType } from './schema-versions';
import { UnreadableEvent, upcast } from './upcasters';

describe('reading stored events through the upcasters', () => {
  const data = { initiativeId: 'i-1', partnerId: 'p-1', occurredAt: '2025-01-01T00:00:00.000Z' };

  it('reads an event at its current version as it was stored', () => {
    expect(upcast('PartnerLeft', 1, data)).toEqual({ type: 'PartnerLeft', schemaVersion: 1, data });
  });

  it('reads an event stored without a version as version 1', () => {
    expect(upcast('PartnerLeft', undefined, data)).toEqual({ type: 'PartnerLeft', schemaVersion: 1, data });
  });

  it('refuses a type the catalogue does not know', () => {
    expect(() => upcast('PartnerWandered', 1, data)).toThrow(new UnreadableEvent("unknown event type 'PartnerWandered': it is not in the event catalogue"));
  });

  it('refuses a version newer than the catalogue knows', () => {
    expect(() => upcast('PartnerLeft', 2, data)).toThrow('PartnerLeft version 2 cannot be read: this catalogue knows versions 1 to 1');
  });

  it('refuses an event without a data object', () => {
    expect(() => upcast('PartnerLeft', 1, null)).toThrow(UnreadableEvent);
  });
});

describe('the catalogue', () => {
  it('knows the current schema version of every event type', () => {
    expect(EVENT_TYPES).toHaveLength(31);
    expect(EVENT_TYPES.every((type) => SCHEMA_VERSIONS[type] >= 1)).toBe(true);
    expect(isEventType('MeasurementRecorded')).toBe(true);
    expect(isEventType('toString')).toBe(false);
  });
});
