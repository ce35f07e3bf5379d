import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { embeddedSecret, readDemoUsers, ROLES, signToken, type Role } from '../../../../libs/auth/src';
import type { EventStore } from '../../../../libs/event-store/src';
import { Public } from '../auth/roles.decorator';
import type { Environment } from '../config/environment';
import { Problem } from '../http/problem';
import { ApiProblems, ApiPublic } from '../openapi/api-answers.decorators';
import { InjectEventStore } from '../store/event-store.provider';

class OidcSettings {
  @ApiProperty({ description: 'the provider (issuer) URL; its discovery document is under /.well-known/openid-configuration' }) authority!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ example: 'openid' }) scope!: string;
}

class SignInOptions {
  @ApiProperty({ description: 'a pasted bearer token is accepted' }) token!: boolean;
  @ApiProperty({ description: "GET /api/web/demo-users offers the demo's people (embedded setup, demo loaded, NODE_ENV not production)" }) demo!: boolean;
  @ApiPropertyOptional({ type: OidcSettings, nullable: true, description: 'OpenID Connect sign-in (authorization code + PKCE), when configured' })
  oidc!: OidcSettings | null;
}

class DemoUserWithToken {
  @ApiProperty({ example: 'sg-zaanstad-1' }) sub!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiPropertyOptional() partner?: string;
  @ApiPropertyOptional({ example: 'Gemeente Zaanstad' }) partnerName?: string;
  @ApiProperty({ description: 'an embedded-mode bearer token for this user, valid 8 hours' }) token!: string;
}

/** What the web app needs before anyone has signed in: how to sign in. */
@ApiTags('web app')
@Public()
@Controller('api/web')
export class WebSessionController {
  constructor(
    private readonly config: ConfigService<Environment, true>,
    @InjectEventStore() private readonly store: EventStore,
  ) {}

  @Get('config')
  @ApiPublic({ summary: 'How the web app signs in here', description: 'Public: read before sign-in.' }, { throttled: true })
  @ApiOkResponse({ type: SignInOptions })
  async signInOptions(): Promise<SignInOptions> {
    const clientId = this.config.get('OIDC_CLIENT_ID', { infer: true });
    const authority = this.config.get('OIDC_AUTHORITY', { infer: true }) ?? this.config.get('AUTH_ISSUER', { infer: true });
    return {
      token: true,
      demo: (await this.demoUsers()) !== null,
      oidc: clientId && authority ? { authority, clientId, scope: this.config.get('OIDC_SCOPE', { infer: true }) } : null,
    };
  }

  @Get('demo-users')
  @ApiPublic(
    {
      summary: "The demo's people, each with a token, to sign in as",
      description:
        'Only in the embedded setup (no AUTH_JWKS_URL), when `npm run demo` filled this data directory and NODE_ENV is not production; 404 otherwise.',
    },
    { throttled: true },
  )
  @ApiOkResponse({ type: [DemoUserWithToken] })
  @ApiProblems(404)
  async signInAs(): Promise<DemoUserWithToken[]> {
    const users = await this.demoUsers();
    if (!users) {
      throw new Problem(
        404,
        'not-found',
        'no demo users here: they exist only in the embedded setup, after `npm run demo` filled this data directory, and never with NODE_ENV=production',
      );
    }
    const secret = embeddedSecret(this.config.get('DATA_DIR', { infer: true }), this.config.get('AUTH_SECRET', { infer: true }));
    return Promise.all(users.map(async (user) => ({ ...user, token: await signToken(user, secret, '8h') })));
  }

  private async demoUsers() {
    if (this.config.get('NODE_ENV', { infer: true }) === 'production' || this.config.get('AUTH_JWKS_URL', { infer: true })) return null;
    const users = readDemoUsers(this.config.get('DATA_DIR', { infer: true }));
    // A demo file beside an emptied store is no demo.
    if (!users || (await this.store.lastPosition()) === 0) return null;
    return users;
  }
}
