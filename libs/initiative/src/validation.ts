import { RuleViolated } from './domain-errors';

// The HTTP layer validates shapes too; these checks keep the events sound whoever sends the
// command (the CLI, the demo, a saga).

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuleViolated(`${what} is empty: it needs some text`);
  }
  return value;
}

export function requireTexts(values: unknown, what: string): string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RuleViolated(`${what} are missing: name at least one`);
  }
  values.forEach((value, i) => requireText(value, `${what} item ${i + 1}`));
  return values as string[];
}

export function requireNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RuleViolated(`${what} is not a number: give a finite number`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) {
    throw new RuleViolated(`${what} '${String(value)}' is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** A calendar date as YYYY-MM-DD, checked by arithmetic so the domain never builds a Date. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

export function requireDate(value: unknown, what: string): string {
  if (!isCalendarDate(value)) {
    throw new RuleViolated(`${what} '${String(value)}' is not a date: write it as YYYY-MM-DD`);
  }
  return value;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `now` comes from the app's clock; a malformed one is a bug upstream, refused before it is stored. */
export function requireInstant(value: unknown): string {
  if (typeof value !== 'string' || !INSTANT.test(value) || !isCalendarDate(value.slice(0, 10))) {
    throw new RuleViolated(`the command's time '${String(value)}' is not an ISO-8601 instant`);
  }
  return value;
}
