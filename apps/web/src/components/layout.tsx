import type { ComponentChildren } from 'preact';
import { language, t } from '../i18n';
import { location } from '../router';
import { session, sessionExpired, signOut } from '../session';
import { useStore } from '../store';
import { SignInPanel } from './sign-in-panel';

/** Header, language, who is signed in; and when the token ran out, a sign-in that keeps the page. */
export const Layout = ({ children }: { children: ComponentChildren }) => {
  const who = useStore(session);
  const expired = useStore(sessionExpired);
  const lang = useStore(language);
  const here = useStore(location);
  return (
    <>
      <a class="skip-link" href="#main">
        {t().skip}
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          {t().appName}
        </a>
        <nav aria-label={t().appName}>
          <a href="/" aria-current={here.path === '/' ? 'page' : undefined}>
            {t().portfolio}
          </a>
        </nav>
        <div class="header-tools">
          <label for="language" class="visually-hidden">
            {t().language}
          </label>
          <select id="language" value={lang} onChange={(e) => language.set((e.target as HTMLSelectElement).value === 'en' ? 'en' : 'nl')}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
          {who ? (
            <span class="who">
              {t().signedInAs} <strong>{who.sub}</strong> ({who.roles.map((r) => t().roles[r] ?? r).join(', ')})
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  signOut();
                  window.location.assign('/sign-in');
                }}
              >
                {t().signOut}
              </button>
            </span>
          ) : null}
        </div>
      </header>
      {expired ? (
        <section class="expired" role="alert" aria-labelledby="expired-heading">
          <h2 id="expired-heading">{t().sessionExpired}</h2>
          <SignInPanel returnTo={here.path + window.location.search} onSignedIn={() => sessionExpired.set(false)} />
        </section>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
};
