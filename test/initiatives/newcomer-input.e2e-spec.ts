import { bodyOf, problemOf, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// Mistakes everyone makes with a new API, answered in one message that says what to do instead.

describe('input errors a newcomer understands', () => {
  let t: TestApp;
  let regie: Regie;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    admin = await regie.admin();
  });
  afterAll(() => t.close());

  const partners = async () => bodyOf<unknown[]>(await t.http().get('/api/partners').set('Authorization', `Bearer ${admin}`)).length;

  it.each([
    ['a form (curl -d without a Content-Type)', 'application/x-www-form-urlencoded', 'name=Politie&kind=police'],
    ['plain text', 'text/plain', '{"name":"Politie","kind":"police"}'],
    ['CSV to a JSON route', 'text/csv', 'name,kind\nPolitie,police'],
  ])('a body sent as %s answers 415 saying to send JSON, and nothing is appended', async (_, type, body) => {
    const before = await partners();
    const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${admin}`).set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(res).detail).toBe(`the body was sent as ${type}; send it as application/json, with the header Content-Type: application/json`);
    expect(await partners()).toBe(before);
  });

  it('an unknown field names the known one it probably meant, without messages about that one missing', async () => {
    const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${admin}`).send({ naam: 'Politie', kind: 'police' });
    expect(res.status).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'naam', code: 'unknown-field', message: "unknown field 'naam': did you mean 'name'?" }]);
    const pm = await regie.token('programme-manager', 'p-1');
    const swapped = await t
      .http()
      .post('/api/initiatives')
      .set('Authorization', `Bearer ${pm}`)
      .send({ titel: 'Aanpak', problemArea: 'overlast', regisseurPartnerId: 'p-1' });
    expect(problemOf(swapped).errors).toEqual([{ field: 'titel', code: 'unknown-field', message: "unknown field 'titel': did you mean 'title'?" }]);
  });

  it('an unknown field like no known one is refused as before, beside the real gaps', async () => {
    const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${admin}`).send({ organisation: 'Politie', kind: 'police' });
    expect(res.status).toBe(400);
    expect(problemOf(res).errors?.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['organisation', 'name']));
  });

  it('the CSV route still takes CSV, and says so when it gets a form', async () => {
    const res = await t
      .http()
      .post('/api/initiatives/any-id/measurements')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('a=b');
    expect(res.status).toBe(415);
    expect(problemOf(res).detail).toContain('send it as text/csv');
  });
});
