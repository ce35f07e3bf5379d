import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { CommandAnswer, InitiativeState, KpiDashboard } from '../api/types';
import { AsOfControl, PastBanner } from '../components/history-controls';
import { InitiativeHeader } from '../components/initiative-header';
import { KpiDashboardView } from '../components/kpi-dashboard-view';
import { ProblemView } from '../components/problem-view';
import { unmetLines } from '../gate-findings';
import { asOfForApi, isPast, whatIfTolerance } from '../history-params';
import { formatDate, formatNumber, phaseName, t } from '../i18n';
import { navigate, withQuery } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import { useAction } from '../use-action';
import { runsInitiative } from '../permissions';
import { useResource } from '../use-resource';

/** The initiative's current (or past) state, as every initiative page needs it. */
export const useInitiative = (id: string) => {
  const asOf = asOfForApi();
  return useResource(() => api.get<InitiativeState>(`/api/initiatives/${encodeURIComponent(id)}`, { asOf }), `${id}|${asOf}`);
};

export const InitiativePage = ({ id }: { id: string }) => {
  const initiative = useInitiative(id);
  const state = initiative.data;
  if (!state)
    return (
      <>
        <PastBanner />
        <ProblemView error={initiative.error} />
        {initiative.loading ? <p>{t().loading}</p> : null}
      </>
    );
  return (
    <>
      <PastBanner />
      <InitiativeHeader state={state} />
      <div class="toolbar">
        <AsOfControl key={asOfForApi() ?? 'now'} />
      </div>
      <div class="columns">
        <Partners state={state} />
        <Timeline state={state} />
      </div>
      <GateChecklist state={state} onChanged={initiative.reload} />
      <KpiSection state={state} />
    </>
  );
};

const Partners = ({ state }: { state: InitiativeState }) => (
  <section aria-labelledby="partners-heading">
    <h2 id="partners-heading">{t().partners}</h2>
    <table class="partners">
      <thead>
        <tr>
          <th scope="col">{t().partner}</th>
          <th scope="col">{t().role}</th>
          <th scope="col">{t().competence}</th>
        </tr>
      </thead>
      <tbody>
        {state.partners.map((p) => (
          <tr key={p.partnerId} class={p.active ? '' : 'inactive'}>
            <th scope="row">
              {p.name}
              {p.active ? '' : ` (${t().left} ${formatDate(p.leftAt)})`}
            </th>
            <td>{t().partnerRoles[p.role] ?? p.role}</td>
            <td>{p.competence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

const PHASE_ORDER = ['explore', 'define', 'co-design', 'pilot', 'integrate', 're-legitimise', 'dissolved'];

/** Every phase entered, in order; a step back (an unsuccessful pilot, an adjust verdict) is marked. */
const Timeline = ({ state }: { state: InitiativeState }) => (
  <section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">{t().timeline}</h2>
    <ol class="timeline">
      {state.phaseHistory.map((entry, i) => {
        const before = state.phaseHistory[i - 1];
        const back = before && PHASE_ORDER.indexOf(entry.phase) < PHASE_ORDER.indexOf(before.phase);
        return (
          <li key={entry.enteredAt} class={back ? 'returned' : ''}>
            <strong>{phaseName(entry.phase)}</strong>
            {back ? <span class="badge returned-badge">{t().returned}</span> : null}
            <span class="when">
              {' '}
              {formatDate(entry.enteredAt)} – {entry.leftAt ? formatDate(entry.leftAt) : t().stillHere}
            </span>
          </li>
        );
      })}
    </ol>
  </section>
);

/** The gate out of the current phase, from the same gate code the advance refusal uses. */
const GateChecklist = ({ state, onChanged }: { state: InitiativeState; onChanged: () => void }) => {
  useStore(session);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const { to, checklist, unmet } = state.gate;
  if (!to)
    return (
      <section aria-labelledby="gate-heading">
        <h2 id="gate-heading">{t().gate('—')}</h2>
        <p>{t().noGate}</p>
      </section>
    );
  const canRun = runsInitiative(state) && !isPast();
  const holds = unmet.length === 0;
  const advance = () =>
    run(async () => {
      try {
        await api.post<CommandAnswer>(`/api/initiatives/${state.id}/advance`, { to });
      } catch (error) {
        // The gate held when the page was read and no longer does: the checklist shows what changed.
        if (error instanceof ApiProblem && error.problem.type?.endsWith('/gate-not-met')) onChanged();
        throw error;
      }
      setDone(t().advanced(phaseName(to)));
      onChanged();
    });
  return (
    <section aria-labelledby="gate-heading" class="gate">
      <h2 id="gate-heading">{t().gate(phaseName(to))}</h2>
      <ul class="checklist">
        {checklist.map((check) => (
          <li key={check.rule} class={check.met ? 'met' : 'unmet'} data-rule={check.rule}>
            <span class="check-mark" aria-hidden="true">
              {check.met ? '✓' : '✗'}
            </span>
            <span>{t().rules[check.rule] ?? check.rule}</span> <span class="visually-hidden">({check.met ? t().met : t().unmet})</span>
            {check.unmet.length ? (
              <ul class="unmet-lines">
                {unmetLines(check.unmet, check.findings).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {canRun ? (
        <div class="advance">
          <button type="button" disabled={!holds || busy} aria-describedby={holds ? undefined : 'advance-why'} onClick={advance}>
            {t().advance(phaseName(to))}
          </button>
          {holds ? null : (
            <p id="advance-why" class="hint">
              {t().advanceBlocked}
            </p>
          )}
          <ProblemView error={error} id="advance-problem" />
          {done ? (
            <p role="status" class="success">
              {done}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
};

/** The joint KPI dashboard, with what-if thresholds kept in the page URL. */
const KpiSection = ({ state }: { state: InitiativeState }) => {
  const asOf = asOfForApi();
  const tolerance = whatIfTolerance('tolerance');
  const riskTolerance = whatIfTolerance('riskTolerance');
  const dashboard = useResource(
    () => api.get<KpiDashboard>(`/api/initiatives/${state.id}/kpis`, { asOf, tolerance, riskTolerance }),
    `${state.id}|${state.revision}|${asOf}|${tolerance}|${riskTolerance}`,
  );
  return (
    <section aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">{t().kpis}</h2>
      <form class="what-if" onSubmit={(e) => e.preventDefault()} aria-label={t().whatIf}>
        <Threshold name="tolerance" label={t().whatIf} help={t().whatIfHelp} placeholder="0.1" value={tolerance} />
        <Threshold name="riskTolerance" label={t().whatIfRisk} help={t().whatIfRiskHelp} placeholder="0.25" value={riskTolerance} />
      </form>
      {/* Not beside a refusal: no dashboard is then shown under those tolerances. */}
      {(tolerance || riskTolerance) && !dashboard.error ? (
        <p class="what-if-banner" role="status">
          {t().whatIfActive(formatNumber(Number(tolerance ?? 0.1), 3), formatNumber(Number(riskTolerance ?? 0.25), 3))}
        </p>
      ) : null}
      <ProblemView error={dashboard.error} />
      {dashboard.data ? <KpiDashboardView dashboard={dashboard.data} state={state} /> : dashboard.loading ? <p>{t().loading}</p> : null}
    </section>
  );
};

/**
 * The field holds what is typed until Enter or leaving it puts it in the address: bound to the
 * address alone, a dashboard answering meanwhile re-rendered it empty under the user's fingers.
 */
const Threshold = ({ name, label, help, placeholder, value }: { name: string; label: string; help: string; placeholder: string; value?: string }) => {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  return (
    <span class="threshold">
      <label for={name}>{label}</label>
      <input
        id={name}
        type="number"
        min="0"
        max="1"
        step="0.05"
        value={draft}
        placeholder={placeholder}
        aria-describedby={`${name}-help`}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onChange={(e) => navigate(withQuery({ [name]: (e.target as HTMLInputElement).value }), { replace: true })}
      />
      <span id={`${name}-help`} class="hint">
        {help}
      </span>
    </span>
  );
};
