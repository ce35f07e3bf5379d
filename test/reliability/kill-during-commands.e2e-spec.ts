import { Regie, HAARLEM_NETWORK, InitiativeWalk } from '../support/initiative-fixtures';
import { readLog } from '../support/log-reader';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { cleanRebuild, differences, documentsIn } from './support/clean-rebuild';
import { figure } from './support/figures';
import { sized } from './support/size';

const COMMANDS = sized(400, 5_000);
const CLIENTS = 20;

interface Sent {
  n: number;
  path: string;
  body: object;
  admin: boolean;
  status?: number;
  answer?: { position: number };
  lost?: boolean;
}

/** The text that marks command n in the log: a lesson on an initiative, or a partner's name. */
const mark = (n: number) => `reliability command ${n}`;

describe(`kill -9 during ${COMMANDS.toLocaleString('en')} commands from ${CLIENTS} clients, then a restart`, () => {
  const dir = tempDir('regie-kill-commands-');
  let api: ApiProcess;
  afterAll(async () => {
    await api?.kill().catch(() => undefined);
    dir.remove();
  });

  it(
    'every 2xx command is in the log exactly once, verify passes, every projection equals a clean rebuild',
    async () => {
      api = await startApiProcess(dir.path);
      let regie = new Regie(api.asTestApp);
      const p = await regie.registerPartners(HAARLEM_NETWORK);
      const walks: InitiativeWalk[] = [];
      for (let i = 0; i < 2; i++) {
        const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police], title: `Killed network ${i}` });
        await walk.walkTo('pilot');
        walks.push(walk);
      }
      const admin = await regie.admin();
      const pm = await regie.pm(p.haarlem);
      const commands: Sent[] = Array.from({ length: COMMANDS }, (_, n) =>
        n % 4 === 0
          ? { n, path: '/api/partners', body: { name: mark(n), kind: 'other' }, admin: true }
          : { n, path: walks[n % 2].path('/lessons'), body: { lesson: mark(n) }, admin: false },
      );
      const send = (c: Sent) =>
        fetch(api.url + c.path, {
          method: 'POST',
          headers: { authorization: `Bearer ${c.admin ? admin : pm}`, 'content-type': 'application/json', 'idempotency-key': `kill-${c.n}` },
          body: JSON.stringify(c.body),
        });

      // The kill lands at a random moment in the middle half of the run.
      const killAfter = Math.floor(COMMANDS * (0.25 + Math.random() * 0.5));
      let acknowledged = 0;
      let next = 0;
      // Set inside the clients' closures, where the compiler does not follow it: typed as the union, not narrowed to null.
      let killed = null as Promise<void> | null;
      const client = async () => {
        while (next < commands.length && !killed) {
          const c = commands[next++];
          try {
            const res = await send(c);
            c.status = res.status;
            if (res.ok) c.answer = (await res.json()) as { position: number };
            if (res.ok && ++acknowledged === killAfter) killed = api.kill();
          } catch {
            c.lost = true; // no answer: the kill cut it off, its outcome unknown to the client
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      await killed;
      const answered = commands.filter((c) => c.answer);
      const unanswered = commands.filter((c) => c.lost || (c.status !== undefined && !c.answer));
      expect(commands.filter((c) => c.status !== undefined && !c.answer).map((c) => c.status)).toEqual([]);

      api = await startApiProcess(dir.path);
      regie = new Regie(api.asTestApp);
      const count = (lines: Array<{ data: Record<string, unknown> }>) => {
        const times = new Map<string, number>();
        for (const l of lines) {
          const text = (l.data.lesson ?? l.data.name) as string | undefined;
          if (text?.startsWith('reliability command ')) times.set(text, (times.get(text) ?? 0) + 1);
        }
        return times;
      };
      const before = count((await readLog(regie)).lines);
      const acknowledgedTimes = answered.map((c) => before.get(mark(c.n)) ?? 0);
      expect(acknowledgedTimes.filter((n) => n !== 1)).toEqual([]);
      const inFlightLanded = unanswered.filter((c) => before.has(mark(c.n))).length;
      expect(unanswered.filter((c) => (before.get(mark(c.n)) ?? 0) > 1)).toEqual([]);

      // A client whose request the kill cut off sends it again with its key: it lands once, whatever had happened.
      for (const c of unanswered) {
        const res = await send(c);
        expect({ n: c.n, status: res.status }).toEqual({ n: c.n, status: 201 });
      }
      // The rest of the run, on the restarted process.
      const rest = commands.slice(next);
      let cursor = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (cursor < rest.length) {
            const c = rest[cursor++];
            const res = await send(c);
            expect({ n: c.n, status: res.status }).toEqual({ n: c.n, status: 201 });
          }
        }),
      );
      const { lines, position } = await readLog(regie);
      const after = count(lines);
      expect(commands.filter((c) => after.get(mark(c.n)) !== 1).map((c) => c.n)).toEqual([]);

      const caughtUp = await regie.send('get', `/api/partners?minPosition=${position}`, { token: await regie.admin() });
      expect(caughtUp.headers['regie-position']).toBe(String(position));
      expect(await api.stop()).toBe(0);
      const verify = runCli(['verify'], { DATA_DIR: dir.path });
      expect({ code: verify.code, out: verify.stdout.split('\n')[0] }).toEqual({ code: 0, out: `ok ${position}` });
      const diff = differences(await documentsIn(dir.path), await cleanRebuild(dir.path));
      figure(
        `${COMMANDS} commands, killed after ${acknowledged} acks (${answered.length} 2xx, ${unanswered.length} cut off, ${inFlightLanded} of those had landed); lost 0, duplicated 0; verify ok ${position}; projection diff ${diff.length}`,
      );
      expect(diff).toEqual([]);
    },
    sized(300_000, 600_000),
  );
});
