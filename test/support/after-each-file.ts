import { stopWriterThread } from '../../libs/event-store/src';

// Each test file has its own module registry, so its own SQLite writer thread: end it with the
// file. Left to the process's exit, Node joins every thread still alive (closing and syncing the
// databases they hold), and Jest reports a worker that takes over 500 ms to exit as a leak.
afterAll(() => stopWriterThread());
