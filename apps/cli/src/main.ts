import 'reflect-metadata';
import { commands } from './commands';

/** `npm run cli -- <command> [options]`; each command lives in its own file under commands/. */
const main = async () => {
  const [name, ...args] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    process.stderr.write(
      `usage: npm run cli -- <command>\ncommands:\n${Object.entries(commands)
        .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
        .join('\n')}\n`,
    );
    process.exit(name ? 2 : 0);
  }
  process.exitCode = await command.run(args);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
