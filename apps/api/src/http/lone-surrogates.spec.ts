import { fieldsWithLoneSurrogates } from './lone-surrogates';

describe('finding lone surrogates in a request', () => {
  it('names each field holding half of a pair, lists by index', () => {
    const body = { summary: 'a \ud800 b', purposes: ['fine', 'x\udc00'], nested: { note: '\udbff' }, count: 3 };
    expect(fieldsWithLoneSurrogates(body, '').sort()).toEqual(['nested.note', 'purposes.1', 'summary']);
  });

  it('takes a whole pair as the one character it is: emoji and other astral text pass', () => {
    expect(fieldsWithLoneSurrogates({ summary: 'samen 🤝 sterk', name: '𝒳' }, '')).toEqual([]);
  });

  it('names a bare string after its root (a CSV body, a path parameter)', () => {
    expect(fieldsWithLoneSurrogates('kpiId\ud800', 'body')).toEqual(['body']);
    expect(fieldsWithLoneSurrogates(undefined, '')).toEqual([]);
  });
});
