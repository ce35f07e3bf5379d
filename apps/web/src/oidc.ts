import type { SignInOptions } from './api/types';

/**
 * OpenID Connect sign-in: authorization code with PKCE, through oidc-client-ts. Loaded only when
 * the server names a provider, so the embedded setup never downloads it.
 */
const manager = async (oidc: NonNullable<SignInOptions['oidc']>) => {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    redirect_uri: `${window.location.origin}/sign-in/callback`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
};

export const startOidcSignIn = async (oidc: NonNullable<SignInOptions['oidc']>, returnTo: string): Promise<void> => {
  await (await manager(oidc)).signinRedirect({ state: returnTo });
};

/** Completes the redirect back from the provider: the access token, and where the user was going. */
export const finishOidcSignIn = async (oidc: NonNullable<SignInOptions['oidc']>): Promise<{ token: string; returnTo: string }> => {
  const user = await (await manager(oidc)).signinRedirectCallback();
  return { token: user.access_token, returnTo: typeof user.state === 'string' ? user.state : '/' };
};
