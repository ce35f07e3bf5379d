import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join, resolve } from 'node:path';
import { embeddedSecret, TokenVerifier } from '../../../../libs/auth/src';
import type { Environment } from '../config/environment';

export const tokenVerifierProvider: Provider = {
  provide: TokenVerifier,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>) => {
    const jwksUrl = config.get('AUTH_JWKS_URL', { infer: true });
    if (jwksUrl) {
      return new TokenVerifier({
        mode: 'oidc',
        jwksUrl,
        issuer: config.get('AUTH_ISSUER', { infer: true }),
        audience: config.get('AUTH_AUDIENCE', { infer: true }),
      });
    }
    const dataDir = config.get('DATA_DIR', { infer: true });
    const configured = config.get('AUTH_SECRET', { infer: true });
    return new TokenVerifier({
      mode: 'embedded',
      secret: embeddedSecret(dataDir, configured),
      secretSource: configured
        ? 'the AUTH_SECRET setting'
        : `the secret in ${join(resolve(dataDir), 'auth-secret')} (generated there once; set AUTH_SECRET to choose one)`,
    });
  },
};
