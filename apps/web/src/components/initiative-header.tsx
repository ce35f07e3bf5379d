import { useEffect } from 'preact/hooks';
import type { InitiativeState } from '../api/types';
import { language, t } from '../i18n';
import { keptQuery, location } from '../router';
import { runsInitiative } from '../permissions';
import { PhaseStepper } from './phase-stepper';

export type InitiativeTab = 'overview' | 'reviews' | 'measurements' | 'pack' | 'accessLog';

const TABS: Array<{ tab: InitiativeTab; suffix: string }> = [
  { tab: 'overview', suffix: '' },
  { tab: 'reviews', suffix: '/reviews' },
  { tab: 'measurements', suffix: '/measurements' },
  { tab: 'pack', suffix: '/pack' },
  { tab: 'accessLog', suffix: '/access-log' },
];

/** Title, problem area, where it stands in the method, and the initiative's pages. */
export const InitiativeHeader = ({ state }: { state: InitiativeState }) => {
  const path = location.get().path;
  const tab = TABS.find(({ suffix }) => path === `/initiatives/${state.id}${suffix}`)?.tab ?? 'overview';
  // The tab's title names the initiative: in the browser's history, and on a printed PDF.
  useEffect(() => {
    document.title = `${state.title} · ${t()[tab]} · Regie`;
  }, [state.title, tab, language.get()]);
  return (
    <div class="initiative-header">
      <p class="breadcrumb">
        <a href={`/${keptQuery()}`}>{t().portfolio}</a> ›
      </p>
      <h1>{state.title}</h1>
      <p class="area">{state.problemArea}</p>
      <PhaseStepper phase={state.phase} />
      <nav class="tabs" aria-label={state.title}>
        {TABS.filter(({ tab }) => tab !== 'accessLog' || runsInitiative(state)).map(({ tab, suffix }) => {
          const href = `/initiatives/${state.id}${suffix}`;
          return (
            <a key={tab} href={href + keptQuery()} aria-current={path === href ? 'page' : undefined}>
              {t()[tab]}
            </a>
          );
        })}
      </nav>
    </div>
  );
};
