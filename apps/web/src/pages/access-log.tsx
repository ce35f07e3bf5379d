import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AccessLogPage } from '../api/types';
import { InitiativeHeader } from '../components/initiative-header';
import { ProblemView } from '../components/problem-view';
import { formatDate, t } from '../i18n';
import { useResource } from '../use-resource';
import { useInitiative } from './initiative';

const PAGE = 50;

const readable = (query: string): string => {
  try {
    return decodeURIComponent(query);
  } catch {
    return query;
  }
};

/**
 * Who looked at this initiative's data, for its regisseur (NEN 7513): every read, refused ones
 * too, newest page first as the API pages it. The API decides who may see it; others get its 404.
 */
export const AccessLogView = ({ id }: { id: string }) => {
  const initiative = useInitiative(id);
  const [after, setAfter] = useState<number[]>([]);
  const cursor = after[after.length - 1];
  const page = useResource(() => api.get<AccessLogPage>(`/api/initiatives/${id}/access-log`, { limit: PAGE, after: cursor }), `${id}|${cursor ?? ''}`);
  const state = initiative.data;
  if (!state)
    return (
      <>
        <ProblemView error={initiative.error} />
        {initiative.loading ? <p>{t().loading}</p> : null}
      </>
    );
  return (
    <>
      <InitiativeHeader state={state} />
      <h2>{t().accessLog}</h2>
      <p class="hint">{t().accessLogHelp}</p>
      <ProblemView error={page.error} />
      {page.data ? (
        <table class="access-log">
          <caption class="visually-hidden">{t().accessLog}</caption>
          <thead>
            <tr>
              <th scope="col">{t().when}</th>
              <th scope="col">{t().who}</th>
              <th scope="col">{t().partner}</th>
              <th scope="col">{t().role}</th>
              <th scope="col">{t().what}</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {page.data.entries.map((entry) => (
              <tr key={entry.sequence} class={entry.refused ? 'refused' : ''} data-sequence={entry.sequence}>
                <td>
                  {formatDate(entry.at)} {entry.at.slice(11, 19)}
                </td>
                <th scope="row">{entry.subject}</th>
                <td>{state.partners.find((p) => p.partnerId === entry.partner)?.name ?? entry.partner ?? '—'}</td>
                <td>{entry.roles.map((r) => t().roles[r] ?? r).join(', ')}</td>
                <td>
                  <code>
                    {entry.route.replace(`/api/initiatives/${id}`, '…')}
                    {entry.query ? `?${readable(entry.query)}` : ''}
                  </code>
                </td>
                <td>
                  {entry.status}
                  {entry.refused ? ` (${t().refused})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="pager">
        {after.length ? (
          <button type="button" class="secondary" onClick={() => setAfter(after.slice(0, -1))}>
            {t().previous}
          </button>
        ) : null}
        {page.data?.nextAfter ? (
          <button type="button" class="secondary" onClick={() => setAfter([...after, page.data!.nextAfter!])}>
            {t().next}
          </button>
        ) : null}
      </div>
    </>
  );
};
