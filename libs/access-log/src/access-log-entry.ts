/**
 * One read of an initiative's data, as the access log keeps it (NEN 7513 / "logging van
 * verwerking": who, acting for which partner and roles, looked at what, when, and whether it was
 * answered). Never the token, never a name: the subject id is what identifies the reader.
 */
export interface AccessRecord {
  /** when the answer was sent, ISO-8601 UTC */
  at: string;
  subject: string;
  /** the partner organisation the token acts for; null for an admin without one */
  partner: string | null;
  roles: string[];
  /** null for reads that span initiatives (the event export) */
  initiativeId: string | null;
  method: string;
  /** the path as requested, without the query */
  route: string;
  /** the raw query string, without the leading `?`; '' when none */
  query: string;
  status: number;
}

/** A record placed in the chain: its position and the hash that ties it to the one before. */
export interface AccessLogEntry extends AccessRecord {
  /** 1, 2, 3, … without gaps; entries pruned by retention leave a signed head behind */
  sequence: number;
  /** the retention unit the entry belongs to: the UTC day of `at` */
  segment: string;
  hash: string;
}

/** A refused read: the caller was not let in (no visibility, wrong role, bad token). */
export const isRefused = (status: number): boolean => status === 401 || status === 403 || status === 404;
