import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  ALL_PROJECTIONS,
  CheckpointConflict,
  HeldUntilHeard,
  portfolioProjection,
  type CatchUpEvents,
  type CatchUpMember,
  type CatchUpRun,
  type CatchUpThread,
  type HelpResult,
  type StreamShare,
} from '../../../../libs/projections/src';
import type { CatchUpMessage, CatchUpWorkerData, HelpedMessage, HurryMessage } from './catch-up-protocol';

/** An error as the thread reported it; a moved checkpoint stays one, so the host looks again at once. */
const fromThread = (m: Extract<CatchUpMessage, { type: 'error' }>): Error => {
  const error = m.conflict ? new CheckpointConflict(m.conflict.projection, m.conflict.generation, m.conflict.expected) : new Error(m.message);
  if (m.stack) error.stack = m.stack;
  return error;
};

/**
 * What a catch-up (the API's cold start) or a rebuild (the CLI's) sends to the second thread: every
 * projection but the portfolio. Commands start from the portfolio's copy of an initiative and the
 * KPI saga's commands wait for it, so it stays with the saga; at a million events over a thousand
 * initiatives the two passes then take about as long.
 */
export const THREADED_PROJECTIONS: readonly string[] = ALL_PROJECTIONS.map((p) => p.name).filter((name) => name !== portfolioProjection.name);

/**
 * With PROJECTIONS_THREAD=follow, the portfolio goes to the thread too when it starts near the log
 * (a warm start): its document and summary, rewritten by every command, were then the main thread's
 * largest write (at 50 connections of commands on 60,000 events: 972 / 1,076 / 1,126 commands a
 * second against 830 / 794 / 935, three alternating pairs). From far behind it stays with the saga,
 * as above (on the thread, unhelped, it made a cold start at a million events 2–5 s slower), unless
 * it starts from nothing: then the thread takes it too, and the two passes share the streams
 * (CatchUpPolicy.shareStreams): each event is read and opened once, not once per thread. At a
 * million events over 200 initiatives, three alternating cold starts split half and half took
 * 17.0 / 16.3 / 15.6 s against 18.5 / 20.6 / 19.2 s with the portfolio here (process CPU
 * 28.1 / 27.4 / 25.9 s against 30.6 / 33.4 / 32.3).
 */
export const FOLLOWED_WHEN_NEAR: readonly string[] = [portfolioProjection.name];

/**
 * Runs catch-ups on a worker thread (catch-up.worker.ts) with its own connections to the stores
 * the API opened. Each start is one thread, gone once its members have reached the head (or, when
 * it follows the store, once stopped).
 */
export class WorkerCatchUpThread implements CatchUpThread {
  constructor(private readonly stores: Omit<CatchUpWorkerData, 'members' | 'follow' | 'share' | 'helping'>) {}

  start(
    members: CatchUpMember[],
    events: CatchUpEvents,
    { follow = false, share, helping }: { follow?: boolean; share?: StreamShare; helping?: CatchUpMember[] } = {},
  ): CatchUpRun {
    // Under ts-node and ts-jest the sources are TypeScript; a built tree runs the compiled file.
    const typescript = extname(__filename) === '.ts';
    const data: CatchUpWorkerData = { ...this.stores, members, follow, share, helping };
    let toldHelp: (result: HelpResult) => void = () => undefined;
    const help = new Promise<HelpResult>((resolve) => (toldHelp = resolve));
    // Kept until the API's pass listens: nothing asked may be lost.
    const asked = new HeldUntilHeard<HelpResult['effects']>();
    const worker = new Worker(join(__dirname, `catch-up.worker${extname(__filename)}`), {
      workerData: data,
      execArgv: typescript ? ['-r', 'ts-node/register/transpile-only'] : [],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    let stopping = false;
    const done = new Promise<boolean>((resolve, reject) => {
      let finished = false;
      worker.on('message', (m: CatchUpMessage) => {
        if (m.type === 'commit') events.onCommit(m.commit);
        else if (m.type === 'helped') toldHelp(m.result);
        else if (m.type === 'asked') asked.tell(m.effects);
        else if (m.type === 'member-failed') events.onMemberFailed(m.name, m.message);
        else if (m.type === 'done') {
          finished = true;
          resolve(true);
          // Its connections are closed; nothing it holds may keep it (or the process) alive.
          void worker.terminate();
        } else reject(fromThread(m));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        // Gone without a word on its share of the streams: they are folded on this side after all.
        toldHelp({ written: false, effects: {} });
        if (finished) resolve(true);
        else if (stopping) resolve(false);
        else reject(new Error(`the catch-up thread stopped (exit code ${code}) before its projections caught up`));
      });
    });
    done.catch(() => undefined);
    const hurry: HurryMessage = { type: 'hurry' };
    return {
      done,
      hurry: () => worker.postMessage(hurry),
      help,
      helped: (result) => worker.postMessage({ type: 'helped', result } satisfies HelpedMessage),
      asked: (listener) => asked.listen(listener),
      stop: async () => {
        stopping = true;
        // What it committed stays; a batch in flight is rolled back with its connection.
        await worker.terminate();
        await done.catch(() => undefined);
      },
    };
  }
}
