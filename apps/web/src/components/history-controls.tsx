import { useState } from 'preact/hooks';
import { asOfDate } from '../history-params';
import { formatDate, t } from '../i18n';
import { navigate, withQuery } from '../router';

const today = (): string => new Date().toISOString().slice(0, 10);

/** "Show as of …": the date goes into the page URL, and every view reads it from there. */
export const AsOfControl = () => {
  const current = asOfDate();
  const [draft, setDraft] = useState(current ?? '');
  const apply = (event: Event) => {
    event.preventDefault();
    navigate(withQuery({ asOf: draft && draft < today() ? draft : null }), { replace: false });
  };
  return (
    <form class="as-of" onSubmit={apply} role="search" aria-label={t().asOf}>
      <label for="as-of-date">
        {t().asOf} <span class="hint">({t().asOfHelp})</span>
      </label>
      <input id="as-of-date" type="date" max={today()} value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
      <button type="submit">{t().asOf}</button>
      {current ? (
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setDraft('');
            navigate(withQuery({ asOf: null }));
          }}
        >
          {t().now}
        </button>
      ) : null}
    </form>
  );
};

/** Unmistakable: a past view is not the present, and nothing can be changed from it. */
export const PastBanner = () => {
  const date = asOfDate();
  if (!date) return null;
  return (
    <div class="past-banner" role="status">
      <span aria-hidden="true">⏱</span> {t().pastView(formatDate(date))} <a href={withQuery({ asOf: null })}>{t().backToNow}</a>
    </div>
  );
};
