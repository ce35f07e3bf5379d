import type { Response } from 'supertest';
import { MAX_BODY_VALUES } from '../../apps/api/src/http/body-depth';
import { type InitiativeWalk, type Method, problemOf, type Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import type { TestApp } from '../support/test-app';
import { exploringScene } from './exploring-scene';

// A key that could change an object's prototype is named in the refusal, not reported as a JSON
// syntax error that is not there; and a body is bounded in how many values it holds before
// validation walks it (300,000 numbers cost class-validator 0.2-0.9 s of event-loop time).

describe('a request body: prototype keys named, values counted before anything walks them', () => {
  let t: TestApp;
  let regie: Regie;
  let exploring: InitiativeWalk;
  let before: number;

  beforeAll(async () => {
    ({ t, regie, exploring, before } = await exploringScene());
  });
  afterAll(async () => {
    await t.close();
  });

  const sendJson = async (method: Method, path: string, body: string, options: { anonymous?: boolean } = {}) => {
    const test = t.http()[method](path).set('Content-Type', 'application/json');
    return (options.anonymous ? test : test.set('Authorization', `Bearer ${await regie.admin()}`)).send(body);
  };
  const expectForbiddenKey = (res: Response, key: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'https://regie.dev/problems/forbidden-key',
      status: 400,
      forbiddenKey: key,
      errors: [{ field: key, message: expect.any(String) as unknown }],
    });
    expect(problemOf(res).detail).toContain(`a key '${key}'`);
    expect(problemOf(res).detail).not.toContain('not valid JSON');
  };
  const expectTooManyValues = (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://regie.dev/problems/body-too-many-values', status: 400, maxValues: MAX_BODY_VALUES });
    expect(problemOf(res).detail).toContain(`more than ${MAX_BODY_VALUES} values`);
  };
  /** `{"summary":"…","list":[1,1,…]}`: `count` values in all (the two members and the list's items). */
  const withValues = (count: number) => JSON.stringify({ summary: 'the picture', list: Array.from({ length: count - 2 }, () => 1) });

  it('a __proto__ key is a 400 naming it, at the top or nested', async () => {
    expectForbiddenKey(await sendJson('put', exploring.path('/shared-picture'), '{"summary":"the picture","__proto__":{"isAdmin":true}}'), '__proto__');
    expectForbiddenKey(
      await sendJson('post', exploring.path('/pilot/cases'), '{"caseRef":"C-1","partnerIds":["a"],"learning":"x","extra":{"deeper":{"__proto__":{}}}}'),
      '__proto__',
    );
  });

  it('the key is found however it is spelt in JSON (escaped), and constructor.prototype too', async () => {
    expectForbiddenKey(await sendJson('put', exploring.path('/shared-picture'), '{"summary":"the picture","\\u005f\\u005fproto__":{}}'), '__proto__');
    expectForbiddenKey(
      await sendJson('post', '/api/partners', '{"name":"x","kind":"other","constructor":{"prototype":{"polluted":true}}}'),
      'constructor.prototype',
    );
  });

  it('on an unknown initiative and without a token the answer is the same 400', async () => {
    expectForbiddenKey(await sendJson('post', '/api/initiatives/no-such-initiative/lessons', '{"__proto__":{}}'), '__proto__');
    expectForbiddenKey(await sendJson('post', exploring.path('/lessons'), '{"__proto__":{}}', { anonymous: true }), '__proto__');
  });

  it('__proto__ as text is no forbidden key', async () => {
    const asText = await sendJson('put', exploring.path('/shared-picture'), JSON.stringify({ summary: 'the word __proto__ in a summary' }));
    expect(asText.status).toBe(200);
  });

  it('broken JSON is still said to be broken JSON', async () => {
    const res = await sendJson('put', exploring.path('/shared-picture'), '{"summary":');
    expect(res.status).toBe(400);
    expect(problemOf(res).detail).toContain('not valid JSON');
  });

  it(`${MAX_BODY_VALUES + 1} values are refused; ${MAX_BODY_VALUES} reach validation`, async () => {
    expectTooManyValues(await sendJson('put', exploring.path('/shared-picture'), withValues(MAX_BODY_VALUES + 1)));
    const atLimit = await sendJson('put', exploring.path('/shared-picture'), withValues(MAX_BODY_VALUES));
    expect(atLimit.status).toBe(400);
    expect(problemOf(atLimit).type).toBe('https://regie.dev/problems/invalid-input');
    expect(problemOf(atLimit).errors).toEqual([expect.objectContaining({ field: 'list' })]);
  });

  it('300,000 numbers are refused by the count, on any route, signed in or not', async () => {
    const numbers = JSON.stringify({ summary: 'x', list: Array.from({ length: 300_000 }, (_, i) => i % 10) });
    expectTooManyValues(await sendJson('put', exploring.path('/shared-picture'), numbers));
    expectTooManyValues(await sendJson('post', '/api/partners', numbers, { anonymous: true }));
    expectTooManyValues(await sendJson('post', '/api/initiatives/no-such-initiative/lessons', numbers));
  });

  it('commas and brackets inside strings are text, not values', async () => {
    const res = await sendJson(
      'put',
      exploring.path('/shared-picture'),
      JSON.stringify({ summary: 'x', notes: [`a, b, [c], {d}; ${','.repeat(MAX_BODY_VALUES + 10)}`] }),
    );
    expect(res.status).toBe(400);
    expect(problemOf(res).type).toBe('https://regie.dev/problems/invalid-input');
    expect(problemOf(res).errors).toEqual([expect.objectContaining({ field: 'notes' })]);
  });

  // Each is a member of Object.prototype: class-transformer skipped them and Nest strips `constructor`,
  // so the unknown-field check never saw them (`"toString":"y"` registered a partner).
  const INHERITED_NAMES = [
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    '__defineGetter__',
  ];
  const expectUnknownField = (res: Response, field: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://regie.dev/problems/invalid-input', status: 400 });
    expect(problemOf(res).errors).toContainEqual({ field, code: 'unknown-field', message: `property ${field} should not exist` });
  };

  it.each(INHERITED_NAMES)('a body field named %s is refused as the unknown field it is, on a partner and on an initiative', async (name) => {
    expectUnknownField(await sendJson('post', '/api/partners', JSON.stringify({ name: `Partner ${name}`, kind: 'other', [name]: 'y' })), name);
    expectUnknownField(await sendJson('put', exploring.path('/shared-picture'), JSON.stringify({ summary: 'the picture', [name]: 1 })), name);
  });

  it('beside such a field, the answer names the other mistakes too, and a query parameter of that name is refused alike', async () => {
    const res = await sendJson('post', '/api/partners', JSON.stringify({ kind: 'other', toString: 'y', surprise: 1 }));
    expectUnknownField(res, 'toString');
    expect([...new Set(problemOf(res).errors?.map((e: { field: string }) => e.field))].sort()).toEqual(['name', 'surprise', 'toString']);
    const query = await regie.send('get', `${exploring.path()}?valueOf=1`, { token: await regie.admin() });
    expectUnknownField(query, 'valueOf');
  });

  it('none of the refused bodies appended anything: only the summary that was accepted did', async () => {
    expect(await logPosition(regie)).toBe(before + 1);
  });
});
