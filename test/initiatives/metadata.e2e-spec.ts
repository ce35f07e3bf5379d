import { SCHEMA_VERSIONS } from '../../events';
import { type Created, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { readLog, type LogLine } from '../support/log-reader';

// Every stored event says who acted, for which partner, in which conversation (correlation) and
// because of which command (causation), and which schema version its data follows: what an
// analyst reads in the exported log.

describe('the metadata a command leaves on its events', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
  });
  afterAll(async () => {
    await t.close();
  });

  /** What the command appended: the log after the position it was at before (positions may have gaps on PostgreSQL). */
  const appendedBy = async (send: () => Promise<{ status: number; body: unknown }>): Promise<{ body: Created; events: LogLine[] }> => {
    const { position } = await readLog(regie, { limit: 1 });
    const res = await send();
    if (res.status >= 300) throw new Error(`the command answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { body: res.body as Created, events: (await readLog(regie, { after: position })).lines };
  };

  it('starting an initiative: actor, the X-Correlation-Id sent, the command as cause, the schema version', async () => {
    const token = await regie.pm(p.haarlem, 'pm-anna');
    const { body, events } = await appendedBy(() =>
      regie.send('post', '/api/initiatives', {
        token,
        headers: { 'X-Correlation-Id': 'intake-2026-0042' },
        body: { title: 'Samen tegen ondermijning', problemArea: 'subversive crime', regisseurPartnerId: p.haarlem.id },
      }),
    );
    expect(events.map((e) => [e.type, e.stream])).toEqual([
      ['InitiativeStarted', `initiative-${body.id}`],
      ['PartnerJoined', `initiative-${body.id}`],
    ]);
    for (const e of events) {
      expect(e.metadata).toMatchObject({
        actor: { sub: 'pm-anna', partner: p.haarlem.id },
        correlationId: 'intake-2026-0042',
        schemaVersion: SCHEMA_VERSIONS[e.type as keyof typeof SCHEMA_VERSIONS],
        command: 'StartInitiative',
      });
    }
    // One command caused both events: the same causation id, the command's own id, not an event's.
    const [first, second] = events;
    expect(first.metadata.causationId).toEqual(expect.any(String));
    expect(second.metadata.causationId).toBe(first.metadata.causationId);
    expect(first.metadata.causationId).toBe(first.metadata.commandId);
    expect(events.map((e) => e.id)).not.toContain(first.metadata.causationId);
  });

  it("a member's command carries the member's subject and partner, and a fresh correlation id when none is sent", async () => {
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    const member = await regie.member(p.police, 'agent-bram');
    const {
      events: [shared],
    } = await appendedBy(() => walk.send('post', '/perspectives', { body: { partnerId: p.police.id, summary: 'Recruitment happens online' }, token: member }));
    const {
      events: [confirmed],
    } = await appendedBy(() => walk.send('post', '/urgency-confirmations', { body: { partnerId: p.police.id }, token: member }));

    expect(shared).toMatchObject({
      type: 'PerspectiveShared',
      metadata: { actor: { sub: 'agent-bram', partner: p.police.id }, schemaVersion: SCHEMA_VERSIONS.PerspectiveShared },
    });
    expect(confirmed).toMatchObject({
      type: 'UrgencyConfirmed',
      metadata: { actor: { sub: 'agent-bram', partner: p.police.id }, schemaVersion: SCHEMA_VERSIONS.UrgencyConfirmed },
    });
    expect(shared.metadata.correlationId).toEqual(expect.stringMatching(/\S/));
    expect(confirmed.metadata.correlationId).not.toBe(shared.metadata.correlationId);
    expect(confirmed.metadata.causationId).not.toBe(shared.metadata.causationId);
  });

  it('registering a partner carries the same metadata; an admin acts for no partner', async () => {
    const { body, events } = await appendedBy(async () =>
      regie.send('post', '/api/partners', {
        token: await regie.admin(),
        headers: { 'X-Correlation-Id': 'onboarding-7' },
        body: { name: 'Stichting Halt', kind: 'youth-care' },
      }),
    );
    expect(events).toHaveLength(1);
    const [registered] = events;
    expect(registered).toMatchObject({
      type: 'PartnerRegistered',
      stream: `partner-${body.id}`,
      metadata: {
        actor: { sub: 'admin', partner: null },
        correlationId: 'onboarding-7',
        schemaVersion: SCHEMA_VERSIONS.PartnerRegistered,
        command: 'RegisterPartner',
      },
    });
    expect(registered.metadata.causationId).toBe(registered.metadata.commandId);
    expect(registered.metadata.causationId).not.toBe(registered.id);
  });

  it("the initiative's history shows the same actor as the log", async () => {
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.ggz] });
    await walk.ok('post', '/perspectives', { partnerId: p.ggz.id, summary: 'Care sees the signals late' }, { token: await regie.member(p.ggz, 'nurse-cor') });
    const history = await walk.history();
    expect(history.at(-1)).toMatchObject({ type: 'PerspectiveShared', actor: { sub: 'nurse-cor', partner: p.ggz.id } });
  });
});
