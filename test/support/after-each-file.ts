import { stopWriterThread } from '../../libs/event-store/src';

// Each test file has its own module registry, so its own SQLite writer thread: end it with the
// file, rather than let threads of finished files idle on until the worker process exits.
afterAll(() => stopWriterThread());
