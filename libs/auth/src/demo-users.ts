import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Actor, ROLES } from './actor';

/**
 * The people of `npm run demo`, kept beside its store so the web app can offer "sign in as" while
 * that history is loaded. Subjects and partner ids only: the names shown are organisations'.
 */
export interface DemoUser extends Actor {
  /** the organisation the user acts for, as the partner registry names it */
  partnerName?: string;
}

const FILE = 'demo-users.json';

export const writeDemoUsers = (dataDir: string, users: DemoUser[]): void => {
  writeFileSync(join(dataDir, FILE), JSON.stringify(users, null, 2) + '\n');
};

/** The demo's users, or null when this data directory holds no demo (or a file that is not one). */
export const readDemoUsers = (dataDir: string): DemoUser[] | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const valid = (parsed as unknown[]).every((u) => {
    const user = u as { sub?: unknown; roles?: unknown } | null | undefined;
    return typeof user?.sub === 'string' && Array.isArray(user.roles) && (user.roles as unknown[]).every((r) => (ROLES as readonly unknown[]).includes(r));
  });
  return valid ? (parsed as DemoUser[]) : null;
};
