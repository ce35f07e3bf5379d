import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Problem } from '../http/problem';
import { ProjectionHostService } from '../projections/projection-host.service';

/** How long a query waits for `?minPosition=` before it answers with what it has. */
export const MAX_WAIT_MS = 5000;

/** What every query answers: its body, and the position the projection it read had seen. */
export interface QueryResult<T> {
  body: T;
  position: number;
  /** true when minPosition was asked and not reached within MAX_WAIT_MS */
  stale: boolean;
}

/**
 * Read-your-writes. A client passes the `position` its command answered as `?minPosition=`; the
 * query waits (at most 5 s) until the projection it reads has seen it. After 5 s it answers
 * anyway with what the projection has — a read model that lags (a rebuild of a new version, a
 * store hiccup) should slow a screen down, not break it — and says so: `Regie-Position` below
 * the asked minPosition, and `Regie-Stale: true`.
 */
@Injectable()
export class ReadConsistency {
  constructor(private readonly projections: ProjectionHostService) {}

  /** true when the projections have seen minPosition (or none was asked). */
  async reach(names: string | string[], minPosition: number | undefined): Promise<boolean> {
    if (minPosition === undefined || minPosition <= 0) return true;
    return this.projections.host.waitFor(names, minPosition, MAX_WAIT_MS);
  }
}

export const queryResult = <T>(position: number, minPosition: number | undefined, body: T): QueryResult<T> => ({
  body,
  position,
  stale: minPosition !== undefined && position < minPosition,
});

/**
 * A query's 404 says what the projection had seen as well: when that is below the minPosition asked
 * for (it did not get there within MAX_WAIT_MS: a cold start, a rebuild), what was not found may
 * only not have arrived yet, and the client can ask again.
 */
export const notFoundAt = (problem: Problem, position: number, minPosition: number | undefined): Problem => {
  problem.headers['Regie-Position'] = String(position);
  if (minPosition !== undefined && position < minPosition) {
    problem.headers['Regie-Stale'] = 'true';
    problem.body.detail += ` (the read model had seen position ${position}, not yet the ${minPosition} asked for: ask again)`;
  }
  return problem;
};

/** A body that is JSON text already (a view the read store keeps rendered): sent as it is. */
export class RenderedJson {
  constructor(readonly text: string) {}
}

/** What a body is sent as: a RenderedJson as its text. */
type Sent<T> = T extends RenderedJson ? string : T;

/** Writes the Regie-Position (and Regie-Stale) headers and returns the body (the text of a RenderedJson, as JSON). */
export const sendQueryResult = <T>(reply: FastifyReply, result: QueryResult<T>): Sent<T> => {
  reply.header('Regie-Position', String(result.position));
  if (result.stale) reply.header('Regie-Stale', 'true');
  if (result.body instanceof RenderedJson) {
    reply.type('application/json; charset=utf-8');
    return result.body.text as Sent<T>;
  }
  return result.body as Sent<T>;
};
