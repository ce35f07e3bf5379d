import {
  AccessChainVerifier,
  type AccessRecord,
  chainRecords,
  EMPTY_TAIL,
  firstKeptSegment,
  headSignatureHolds,
  segmentOf,
  signHead,
} from '../../libs/access-log/src';

const read = (at: string, subject = 'u-1'): AccessRecord => ({
  at,
  subject,
  partner: 'p-1',
  roles: ['analyst'],
  initiativeId: 'i-1',
  method: 'GET',
  route: '/api/initiatives/i-1/kpis',
  query: '',
  status: 200,
});

describe('the access log chain', () => {
  it('chains each entry to the one before, across batches, and verifies from the genesis', () => {
    const first = chainRecords([read('2026-03-01T10:00:00.000Z'), read('2026-03-01T23:59:59.999Z')], EMPTY_TAIL);
    const second = chainRecords([read('2026-03-02T00:00:00.000Z')], first[1]);
    expect([...first, ...second].map((e) => [e.sequence, e.segment])).toEqual([
      [1, '2026-03-01'],
      [2, '2026-03-01'],
      [3, '2026-03-02'],
    ]);
    const verifier = new AccessChainVerifier();
    expect(verifier.check(first)).toBeNull();
    expect(verifier.check(second)).toBeNull();
    expect(verifier.count).toBe(3);
  });

  it('finds a changed field, a missing entry and an entry moved to another place', () => {
    const entries = chainRecords([read('2026-03-01T10:00:00Z'), read('2026-03-01T11:00:00Z'), read('2026-03-01T12:00:00Z')], EMPTY_TAIL);
    expect(new AccessChainVerifier().check([entries[0], { ...entries[1], status: 404 }, entries[2]])).toEqual({
      sequence: 2,
      reason: 'hash does not match the content and the chain',
    });
    expect(new AccessChainVerifier().check([entries[0], entries[2]])).toEqual({ sequence: 2, reason: 'entry 2 is missing (the next kept one is 3)' });
    expect(new AccessChainVerifier().check([entries[0], { ...entries[2], sequence: 2 }])?.sequence).toBe(2);
  });

  it('a head signed with the key holds; one changed without it does not', () => {
    const key = new TextEncoder().encode('k'.repeat(48));
    const head = signHead({ sequence: 41, hash: 'a'.repeat(64), segment: '2021-02-28', prunedAt: '2026-03-01T00:00:00.000Z' }, key);
    expect(headSignatureHolds(head, key)).toBe(true);
    expect(headSignatureHolds({ ...head, sequence: 40 }, key)).toBe(false);
    expect(headSignatureHolds(head, new TextEncoder().encode('x'.repeat(48)))).toBe(false);
  });
});

describe('retention keeps whole days', () => {
  it.each([
    ['2026-03-01T12:00:00Z', 60, '2021-03-01'],
    ['2026-03-31T00:00:00Z', 1, '2026-02-28'],
    ['2024-03-31T23:00:00Z', 1, '2024-02-29'],
    ['2026-01-15T00:00:00Z', 13, '2024-12-15'],
  ])('at %s with %i months the first kept day is %s', (now, months, day) => {
    expect(firstKeptSegment(new Date(now), months)).toBe(day);
  });

  it('an entry belongs to the UTC day of its instant', () => {
    expect(segmentOf('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
    expect(segmentOf('2026-03-02T00:30:00+01:00')).toBe('2026-03-01');
  });
});
