import { benches } from './benches';

/** `npm run bench -- <name>`: run on demand, prints a table, never part of `npm test`. */
const main = async () => {
  const name = process.argv[2];
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}>\n`);
    process.exit(2);
  }
  await bench(process.argv.slice(3));
};

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
