import { checkFreeText, findPersonalData, passesElevenTest } from './personal-data';

const BSN = 'a citizen service number (BSN)';
const EMAIL = 'an e-mail address';
const PHONE = 'a phone number';

describe('the personal-data guard on free text', () => {
  describe('refuses what looks like a citizen service number', () => {
    it.each([
      ['plain nine digits', 'case of 111222333 discussed'],
      ['another valid number', 'BSN:123456782'],
      ['one that starts with a zero', 'dossier 012345672 closed'],
      ['written 4-2-3 with dots', 'betreft 1112.22.333'],
      ['written 3-2-2-2 with dots', 'betreft 111.22.23.33'],
      ['written 3-3-3 with spaces', 'betreft 111 222 333'],
      ['written 4-2-3 with spaces', 'betreft 1234 56 782'],
    ])('%s', (_, text) => expect(findPersonalData(text)).toBe(BSN));
  });

  describe('lets ordinary numbers in prose through', () => {
    it.each([
      ['a year', 'since 2025 the network meets monthly'],
      ['an amount with a thousands separator', 'a budget of 1.500 euro, later 1.500.000'],
      ['an amount of hundreds of millions, dotted', 'a turnover of 111.222.333 euro'],
      ['a quarter', 'measured in 2025-Q3'],
      ['a month', 'measured in 2025-07'],
      ['a date', 'agreed on 2025-03-01'],
      ['a timestamp', 'at 2025-03-01T10:15:00.000Z'],
      ['nine digits failing the eleven-test', 'reference 123456789'],
      ['ten digits not starting with zero', 'counted 1234567890 hits'],
      ['a percentage and decimals', '12,5% fewer incidents, 0.5 fte'],
      ['nine zeros', 'code 000000000'],
      ['an anonymous case reference', 'case R-2025-017'],
      ['a range of years', 'the period 2023-2025'],
    ])('%s', (_, text) => expect(findPersonalData(text)).toBeNull());
  });

  describe('refuses e-mail addresses', () => {
    it.each([
      ['a simple address', 'mail jan@example.nl for details'],
      ['an address with dots and plus', 'j.de.vries+wijk@gemeente.amsterdam.nl'],
    ])('%s', (_, text) => expect(findPersonalData(text)).toBe(EMAIL));
  });

  describe('refuses phone numbers', () => {
    it.each([
      ['mobile with a hyphen', 'call 06-12345678'],
      ['mobile without separators', 'call 0612345678'],
      ['mobile in pairs', 'call 06 12 34 56 78'],
      ['mobile, international', 'call +31 6 12345678'],
      ['mobile, international without spaces', 'call +31612345678'],
      ['mobile, 0031 prefix', 'call 0031 612345678'],
      ['landline with area code', 'call 020-1234567'],
      ['landline, grouped', 'call 020 123 4567'],
      ['landline, international', 'call +31 20 123 4567'],
      ['landline, international with (0)', 'call +31 (0)20 1234567'],
      ['a foreign number', 'call +44 20 7946 0958'],
    ])('%s', (_, text) => expect(findPersonalData(text)).toBe(PHONE));
  });

  it('reports the BSN first when a text holds several kinds', () => {
    expect(findPersonalData('jan@example.nl, 06-12345678, 111222333')).toBe(BSN);
    expect(findPersonalData('jan@example.nl, 06-12345678')).toBe(EMAIL);
  });

  it('does not read the digits of an e-mail address or a phone number as a BSN', () => {
    expect(findPersonalData('contact 111222333@example.nl')).toBe(EMAIL);
  });

  it('applies the eleven-test as the BSN rules define it', () => {
    expect(passesElevenTest('111222333')).toBe(true);
    expect(passesElevenTest('123456782')).toBe(true);
    expect(passesElevenTest('123456789')).toBe(false);
    expect(passesElevenTest('000000000')).toBe(false);
    expect(passesElevenTest('12345678')).toBe(false);
  });
});

describe("screening a command's free-text fields", () => {
  it('names every field holding personal data, array items by position', () => {
    expect(
      checkFreeText({
        summary: 'call 06-12345678',
        purposes: ['signal sharing', 'mail jan@example.nl'],
        legalBasis: 'art. 6 lid 1 sub e AVG',
      }),
    ).toEqual([
      { field: 'summary', kind: PHONE },
      { field: 'purposes[1]', kind: EMAIL },
    ]);
  });

  it('skips numbers, objects and missing values', () => {
    expect(checkFreeText({ value: 111222333, note: undefined, nested: { text: '111222333' } })).toEqual([]);
  });

  it('finds nothing in clean text', () => {
    expect(checkFreeText({ summary: 'Youth work sees 12 signals per quarter since 2024' })).toEqual([]);
  });
});
