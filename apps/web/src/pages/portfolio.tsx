import { PHASES } from '../../../../events/phase';
import { api } from '../api/client';
import type { PortfolioItem } from '../api/types';
import { AsOfControl, PastBanner } from '../components/history-controls';
import { PhaseStepper } from '../components/phase-stepper';
import { ProblemView } from '../components/problem-view';
import { OverdueBadge } from '../components/status-badge';
import { asOfForApi } from '../history-params';
import { formatDate, formatPercent, phaseName, t } from '../i18n';
import { keptQuery, location, navigate, withQuery } from '../router';
import { useResource } from '../use-resource';

/** Home: every initiative this user may see, where it stands, and what holds it up. */
export const PortfolioPage = () => {
  const { query } = location.get();
  const phase = query.get('phase') ?? '';
  const area = query.get('area') ?? '';
  const asOf = asOfForApi();
  const portfolio = useResource(() => api.getAll<PortfolioItem>('/api/initiatives', { phase, asOf, limit: 500 }), `${phase}|${asOf}`);
  const areas = [...new Set((portfolio.data ?? []).map((i) => i.problemArea))].sort();
  const shown = (portfolio.data ?? []).filter((i) => !area || i.problemArea === area);

  return (
    <>
      <PastBanner />
      <h1>{t().portfolio}</h1>
      <div class="toolbar">
        <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t().portfolio}>
          <label for="filter-phase">{t().phase}</label>
          <select id="filter-phase" value={phase} onChange={(e) => navigate(withQuery({ phase: (e.target as HTMLSelectElement).value }), { replace: true })}>
            <option value="">{t().allPhases}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {phaseName(p)}
              </option>
            ))}
          </select>
          <label for="filter-area">{t().problemArea}</label>
          <select id="filter-area" value={area} onChange={(e) => navigate(withQuery({ area: (e.target as HTMLSelectElement).value }), { replace: true })}>
            <option value="">{t().allAreas}</option>
            {areas.map((a) => (
              <option key={a} value={a}>
                {a.length > 70 ? `${a.slice(0, 70)}…` : a}
              </option>
            ))}
          </select>
        </form>
        <AsOfControl key={asOf ?? 'now'} />
      </div>
      <ProblemView error={portfolio.error} />
      {portfolio.loading && !portfolio.data ? <p aria-live="polite">{t().loading}</p> : null}
      {portfolio.data ? (
        <>
          <p class="count" aria-live="polite">
            {t().initiativesShown(shown.length)}
          </p>
          {shown.length === 0 ? (
            <p>{t().noInitiatives}</p>
          ) : (
            <ul class="portfolio">
              {shown.map((item) => (
                <li key={item.id} class="card" data-initiative={item.id}>
                  <h2>
                    <a href={`/initiatives/${item.id}${keptQuery()}`}>{item.title}</a>
                  </h2>
                  <p class="area">{item.problemArea}</p>
                  <PhaseStepper phase={item.phase} />
                  <dl class="facts">
                    <div>
                      <dt>{t().phase}</dt>
                      <dd>{phaseName(item.phase)}</dd>
                    </div>
                    <div>
                      <dt>{t().daysInPhase}</dt>
                      <dd>{item.daysInPhase}</dd>
                    </div>
                    <div>
                      <dt>{t().attainment}</dt>
                      <dd>{formatPercent(item.attainment)}</dd>
                    </div>
                    <div>
                      <dt>{t().nextReview}</dt>
                      <dd>
                        {item.nextReview ? (
                          <>
                            {formatDate(item.nextReview.dueOn)} {item.nextReview.overdue ? <OverdueBadge /> : null}
                          </>
                        ) : (
                          t().none
                        )}
                      </dd>
                    </div>
                    <div>
                      <dt>{t().unmetCount}</dt>
                      <dd class="unmet-count">{item.nextPhase ? item.unmet.length : '—'}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
};
