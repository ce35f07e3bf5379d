import type { CliCommand } from './cli-command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { tokenCommand } from './token.command';
import { verifyCommand } from './verify.command';

export const commands: Record<string, CliCommand> = {
  token: tokenCommand,
  verify: verifyCommand,
  export: exportCommand,
  import: importCommand,
};
