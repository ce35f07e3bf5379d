import type { CliCommand } from './cli-command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { tokenCommand } from './token.command';
import { verifyCommand } from './verify.command';

export const commands: Record<string, CliCommand> = {
  token: tokenCommand,
  verify: verifyCommand,
  demo: { summary: 'fill an empty store with two years of example networks', run: async (args) => (await import('./demo.command')).demoCommand.run(args) },
  export: exportCommand,
  import: importCommand,
  rebuild: {
    summary: 'rebuild a projection from position 0 beside the live one, then swap it in: rebuild <name|all>',
    run: async (args) => (await import('./rebuild.command')).rebuildCommand.run(args),
  },
  replay: {
    summary:
      "the portfolio or an initiative's KPI dashboard as it was: replay --as-of <date> [--initiative <id>] [--tolerance x --risk-tolerance y] [--no-snapshots]",
    run: async (args) => (await import('./replay.command')).replayCommand.run(args),
  },
};
