import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { embeddedSecret, TokenVerifier } from '../../../../libs/auth/src';
import type { Environment } from '../config/environment';

export const tokenVerifierProvider: Provider = {
  provide: TokenVerifier,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>) => {
    const jwksUrl = config.get('AUTH_JWKS_URL', { infer: true });
    if (jwksUrl) {
      return new TokenVerifier({
        mode: 'oidc', jwksUrl,
        issuer: config.get('AUTH_ISSUER', { infer: true })!,
        audience: config.get('AUTH_AUDIENCE', { infer: true })!,
      });
    }
    return new TokenVerifier({ mode: 'embedded', secret: embeddedSecret(config.get('DATA_DIR', { infer: true }), config.get('AUTH_SECRET', { infer: true })) });
  },
};
