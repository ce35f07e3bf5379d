import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real, small file system for one process: a tmpfs of `sizeKb` mounted on `dir` in a mount
 * namespace of the process's own (unshare; with a user namespace too when not root), so a test
 * needs no privileges beyond what unprivileged user namespaces allow and leaves no mount behind.
 * Other processes reach its files through /proc/<pid>/root.
 */
export const smallDiskWrapper = (dir: string, sizeKb: number): string[] => [
  'unshare',
  ...(process.getuid?.() === 0 ? [] : ['--user', '--map-root-user']),
  '--mount',
  '--propagation',
  'private',
  'sh',
  '-c',
  `mount -t tmpfs -o size=${sizeKb}k tmpfs "${dir}" && exec "$@"`,
  'small-disk',
];

/** `dir` as the process `pid` sees it. */
export const seenBy = (pid: number, dir: string): string => join(`/proc/${pid}/root`, dir);

/** Fills the file system that holds `dir` to the last byte; answers how many bytes that took. */
export const fillUp = (dir: string): number => {
  const fd = openSync(join(dir, 'filler'), 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as { code?: string }).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
};

/** Gives the space back. */
export const makeRoom = (dir: string): void => rmSync(join(dir, 'filler'), { force: true });
