import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { CommandAnswer, CsvRowResult, InitiativeState } from '../api/types';
import { PastBanner } from '../components/history-controls';
import { InitiativeHeader } from '../components/initiative-header';
import { ProblemView } from '../components/problem-view';
import { isPast } from '../history-params';
import { t } from '../i18n';
import { fieldErrorWords, problemWords } from '../problem-words';
import { hasRole, session } from '../session';
import { useStore } from '../store';
import { useAction } from '../use-action';
import { useDraft } from '../use-draft';
import { runsInitiative } from '../permissions';
import { useInitiative } from './initiative';

const MEASURING_PHASES = ['pilot', 'integrate', 're-legitimise'];

/** A refusal because the initiative is no longer in a phase that takes measurements (the steering group sent it back meanwhile). */
const isWrongPhase = (problem: { type?: string } | undefined): boolean => problem?.type?.endsWith('/wrong-phase') ?? false;

export const MeasurementsPage = ({ id }: { id: string }) => {
  const initiative = useInitiative(id);
  const who = useStore(session);
  // Told by a refusal that the phase has moved, the page reads the initiative again, so that its
  // header shows the phase the refusal names; the forms stay, with the refusal and what was typed.
  const [phaseMoved, setPhaseMoved] = useState(false);
  const onPhaseMoved = () => {
    setPhaseMoved(true);
    initiative.reload();
  };
  const state = initiative.data;
  if (!state)
    return (
      <>
        <PastBanner />
        <ProblemView error={initiative.error} />
        {initiative.loading ? <p>{t().loading}</p> : null}
      </>
    );
  // A partner member reports for the KPIs its own partner owns; the regisseur's programme managers for all.
  const mine = state.kpis.filter((k) => runsInitiative(state) || (hasRole(who, 'partner-member') && k.ownerPartnerId === who?.partner));
  return (
    <>
      <PastBanner />
      <InitiativeHeader state={state} />
      <h2>{t().measurements}</h2>
      {isPast() ? null : !MEASURING_PHASES.includes(state.phase) && !phaseMoved ? (
        <p>{t().measurementsClosed}</p>
      ) : mine.length === 0 ? (
        <p>{t().noOwnKpis}</p>
      ) : (
        <div class="columns">
          <MeasurementForm state={state} kpis={mine} onPhaseMoved={onPhaseMoved} />
          <CsvUpload state={state} onPhaseMoved={onPhaseMoved} />
        </div>
      )}
    </>
  );
};

interface FormProps {
  state: InitiativeState;
  onPhaseMoved: () => void;
}

const MeasurementForm = ({ state, kpis, onPhaseMoved }: FormProps & { kpis: InitiativeState['kpis'] }) => {
  const [draft, update, clear] = useDraft(`measurement-${state.id}`, { kpiId: kpis[0]?.id ?? '', period: '', value: '', note: '' });
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const kpi = kpis.find((k) => k.id === draft.kpiId) ?? kpis[0];
  const submit = (event: Event) =>
    run(async () => {
      setDone(null);
      // The KPI's owner reports it: a member for its own partner, a programme manager on the owner's behalf.
      const partnerId = kpi.ownerPartnerId;
      const value = draft.value.trim() === '' ? draft.value : Number(draft.value.replace(',', '.'));
      await api
        .post<CommandAnswer>(`/api/initiatives/${state.id}/kpis/${kpi.id}/measurements`, {
          period: draft.period.trim(),
          value,
          partnerId,
          ...(draft.note.trim() ? { note: draft.note } : {}),
        })
        .catch((error: unknown) => {
          if (error instanceof ApiProblem && isWrongPhase(error.problem)) onPhaseMoved();
          throw error;
        });
      setDone(t().reported(kpi.name, draft.period.trim()));
      clear();
    }, event);
  return (
    <form class="measurement" onSubmit={submit} aria-labelledby="measurement-heading">
      <h3 id="measurement-heading">{t().reportMeasurement}</h3>
      <label for="m-kpi">{t().kpi}</label>
      <select id="m-kpi" value={kpi.id} onChange={(e) => update({ kpiId: (e.target as HTMLSelectElement).value })}>
        {kpis.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name} ({k.unit})
          </option>
        ))}
      </select>
      <label for="m-period">{t().period}</label>
      <input
        id="m-period"
        value={draft.period}
        required
        placeholder="2026-11"
        aria-describedby="m-period-hint"
        onInput={(e) => update({ period: (e.target as HTMLInputElement).value })}
      />
      <span id="m-period-hint" class="hint field-hint">
        {t().periodHint}
      </span>
      <label for="m-value">
        {t().value} ({kpi.unit})
      </label>
      <input id="m-value" inputMode="decimal" value={draft.value} required onInput={(e) => update({ value: (e.target as HTMLInputElement).value })} />
      <label for="m-note">{t().note}</label>
      <textarea id="m-note" rows={2} value={draft.note} onInput={(e) => update({ note: (e.target as HTMLTextAreaElement).value })} />
      <ProblemView error={error} />
      {done ? (
        <p role="status" class="success">
          {done}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {t().submit}
      </button>
    </form>
  );
};

/** The row's refusal in words: in the page's language where this app can say it, else its detail and any field message the detail does not already say. */
const rowProblem = (problem: NonNullable<CsvRowResult['problem']>): string => {
  const fields = problem.errors ?? [];
  const words = fields.map((e) => fieldErrorWords(problem, e, 'csv'));
  if (fields.length && words.every((w) => w !== null)) return words.join('; ');
  const worded = problemWords(problem);
  if (worded) return worded;
  const extra = (problem.errors ?? []).filter((e) => !problem.detail.includes(e.message)).map((e) => `${e.field}: ${e.message}`);
  return [problem.detail, ...extra].join('; ');
};

const CsvUpload = ({ state, onPhaseMoved }: FormProps) => {
  const [csv, setCsv] = useState('');
  const [results, setResults] = useState<CsvRowResult[] | null>(null);
  const { busy, error, run } = useAction();
  // A file that cannot be read is shown as the form's error, not lost as an unhandled rejection.
  const read = (event: Event) =>
    run(async () => {
      const file = (event.target as HTMLInputElement).files?.[0];
      setCsv(file ? await file.text() : '');
      setResults(null);
    });
  const submit = (event: Event) =>
    run(async () => {
      const answer = await api.postCsv<{ results: CsvRowResult[] }>(`/api/initiatives/${state.id}/measurements`, csv);
      setResults(answer.results);
      if (answer.results.some((r) => isWrongPhase(r.problem))) onPhaseMoved();
    }, event);
  return (
    <form class="csv" onSubmit={submit} aria-labelledby="csv-heading">
      <h3 id="csv-heading">{t().csvUpload}</h3>
      <p class="hint" id="csv-help">
        {t().csvHelp}
      </p>
      <label for="csv-file">{t().csvFile}</label>
      <input id="csv-file" type="file" accept=".csv,text/csv" aria-describedby="csv-help" onChange={read} />
      <ProblemView error={error} />
      <button type="submit" disabled={busy || !csv}>
        {t().csvSend}
      </button>
      {results ? (
        <table class="csv-results">
          <caption>{t().result}</caption>
          <thead>
            <tr>
              <th scope="col">{t().row}</th>
              <th scope="col">Status</th>
              <th scope="col">{t().result}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.row} class={r.status < 300 ? 'ok' : 'refused'}>
                <th scope="row">{r.row}</th>
                <td>{r.status}</td>
                <td>{r.problem ? rowProblem(r.problem) : t().rowOk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </form>
  );
};
