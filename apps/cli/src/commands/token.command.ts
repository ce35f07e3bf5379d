import { parseArgs } from 'node:util';
import { embeddedSecret, type Role, ROLES, signToken } from '../../../../libs/auth/src';
import type { CliCommand } from './cli-command';

/** Prints one embedded-mode token on stdout and nothing else, so `$(npm run --silent token -- …)` works. */
export const tokenCommand: CliCommand = {
  summary: 'print a signed token: --sub alice --roles programme-manager[,analyst] [--partner <id>] [--expires 8h]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { sub: { type: 'string' }, roles: { type: 'string' }, partner: { type: 'string' }, expires: { type: 'string', default: '8h' } },
    });
    if (!values.sub) throw new Error('--sub is required');
    const roles = (values.roles ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const unknown = roles.filter((r) => !ROLES.includes(r as Role));
    if (!roles.length || unknown.length) throw new Error(`--roles takes a comma-separated list of ${ROLES.join(', ')}`);
    const secret = embeddedSecret(process.env.DATA_DIR ?? './data', process.env.AUTH_SECRET);
    const token = await signToken({ sub: values.sub, roles: roles as Role[], partner: values.partner }, secret, values.expires);
    process.stdout.write(token + '\n');
    return 0;
  },
};
