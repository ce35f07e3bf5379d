import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { SignInOptions } from '../api/types';
import { ProblemView } from '../components/problem-view';
import { SignInPanel } from '../components/sign-in-panel';
import { t } from '../i18n';
import { finishOidcSignIn } from '../oidc';
import { location, navigate } from '../router';
import { signIn } from '../session';

/** Only same-app paths: `?next=` must not send a signed-in user elsewhere. */
const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export const SignInPage = () => {
  const next = safeNext(location.get().query.get('next'));
  return (
    <>
      <h1>{t().signIn}</h1>
      <SignInPanel returnTo={next} onSignedIn={() => navigate(next, { replace: true })} />
    </>
  );
};

/** Back from the OpenID Connect provider with a code: trade it for the token, then go on. */
export const SignInCallbackPage = () => {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .get<SignInOptions>('/api/web/config')
      .then((options) => {
        if (!options.oidc) throw new Error('this server has no OpenID Connect sign-in configured');
        return finishOidcSignIn(options.oidc);
      })
      .then(({ token, returnTo }) => {
        signIn(token);
        navigate(safeNext(returnTo), { replace: true });
      })
      .catch(setError);
  }, []);
  return (
    <>
      <h1>{t().signIn}</h1>
      {error ? <ProblemView error={error} /> : <p>{t().oidcBusy}</p>}
      {error ? <a href="/sign-in">{t().signIn}</a> : null}
    </>
  );
};
