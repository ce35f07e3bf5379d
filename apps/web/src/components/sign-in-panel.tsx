import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { DemoUser, SignInOptions } from '../api/types';
import { t } from '../i18n';
import { startOidcSignIn } from '../oidc';
import { signIn, signOut } from '../session';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { ProblemView } from './problem-view';

const roleLabel = (user: DemoUser): string => user.roles.map((r) => t().roles[r] ?? r).join(', ');

/** Checks a token against the API before taking it: a refused token is shown, not kept. */
const verifyAndKeep = async (token: string): Promise<void> => {
  if (!signIn(token)) throw new Error('not a JWT: a token has three parts separated by dots');
  try {
    await api.get('/api/initiatives', { limit: 1 });
  } catch (error) {
    signOut();
    throw error;
  }
};

/**
 * The ways in that this server offers: a demo person (embedded setup with the demo loaded), the
 * organisation's OpenID Connect provider, or a pasted token.
 */
export const SignInPanel = ({ onSignedIn, returnTo }: { onSignedIn: () => void; returnTo: string }) => {
  const options = useResource(() => api.get<SignInOptions>('/api/web/config'), 'config');
  const demo = useResource(
    () => (options.data?.demo ? api.get<DemoUser[]>('/api/web/demo-users') : Promise.resolve([] as DemoUser[])),
    `demo-${options.data?.demo ?? 'unknown'}`,
  );
  const [token, setToken] = useState('');
  const { busy, error, run } = useAction();

  const use = (value: string) =>
    run(async () => {
      await verifyAndKeep(value);
      onSignedIn();
    });

  const groups = new Map<string, DemoUser[]>();
  for (const user of demo.data ?? []) {
    const key = user.partnerName ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), user]);
  }

  return (
    <div class="sign-in">
      <ProblemView error={error ?? options.error} />
      {options.data?.oidc ? (
        <section aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t().oidcSignIn}</h2>
          <button type="button" disabled={busy} onClick={() => run(() => startOidcSignIn(options.data!.oidc!, returnTo))}>
            {t().oidcSignIn}
          </button>
        </section>
      ) : null}
      {demo.data?.length ? (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t().demoUsers}</h2>
          <p>{t().demoUsersHelp}</p>
          <ul class="demo-users">
            {[...groups.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([partner, users]) => (
                <li key={partner}>
                  <span class="demo-partner">{partner}</span>
                  <ul>
                    {users.map((user) => (
                      <li key={user.sub}>
                        <button type="button" class="link-button" disabled={busy} data-sub={user.sub} onClick={() => use(user.token)}>
                          {roleLabel(user)} <span class="hint">({user.sub})</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="token-heading">
        <h2 id="token-heading">{t().pasteToken}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void use(token);
          }}
        >
          <label for="token">{t().tokenLabel}</label>
          <textarea
            id="token"
            rows={3}
            autocomplete="off"
            spellcheck={false}
            value={token}
            onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)}
            aria-describedby="token-help"
          />
          <p id="token-help" class="hint">
            {t().tokenHelp}
          </p>
          <button type="submit" disabled={busy || !token.trim()}>
            {t().signIn}
          </button>
        </form>
      </section>
    </div>
  );
};
