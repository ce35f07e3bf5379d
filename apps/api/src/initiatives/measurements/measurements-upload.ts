import { HttpException, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import { isVisible } from '../../../../../libs/initiative/src';
import { accessAlreadyChecked, recallAnswer } from '../../http/idempotent-answer';
import { Problem, type ProblemBody } from '../../http/problem';
import { IdempotencyStore } from '../../write/idempotency.store';
import { InitiativeRepository } from '../../write/initiative.repository';
import type { RequestContext } from '../../write/request-context';
import { InitiativeCommands } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';
import { CsvError, parseCsv } from './csv';
import { MeasurementRowDto } from './measurement.dto';
import { type FieldError, fieldErrors } from '../../http/field-errors';

export const CSV_HEADER = ['kpiId', 'period', 'value', 'partnerId', 'note'] as const;
export const MAX_ROWS = 1000;

export class RowAnswer {
  @ApiProperty({ description: '1 for the first line after the header' }) row!: number;
  @ApiProperty({ example: 200 }) status!: number;
  @ApiPropertyOptional() revision?: number;
  @ApiPropertyOptional() position?: number;
  @ApiPropertyOptional({ description: 'why the row was refused (application/problem+json body)' }) problem?: ProblemBody;
}

export class UploadAnswer {
  @ApiProperty({ type: [RowAnswer] }) results!: RowAnswer[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Bulk measurements: one RecordMeasurement per CSV row, so each row obeys exactly the rules (and
 * the access policy) of the single-measurement route, and lands or is refused on its own.
 */
@Injectable()
export class MeasurementsUpload {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly repository: InitiativeRepository,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async run(initiativeId: string, body: unknown, ctx: RequestContext): Promise<UploadAnswer> {
    if (typeof body !== 'string') throw new Problem(415, 'unsupported-media-type', 'send the measurements as text/csv');
    const { state } = await this.repository.load(initiativeId);
    if (!state.started || !isVisible(state, ctx.actor)) {
      throw new Problem(404, 'not-found', `initiative '${initiativeId}' does not exist or is not visible to you`);
    }
    // Visibility is the upload's whole access check (the route guard took the roles, each row its own rules), and it came first.
    const remembered = await recallAnswer(this.idempotency, ctx, accessAlreadyChecked);
    if (remembered) return remembered.body as UploadAnswer;
    const rows = this.parse(body);
    const results: RowAnswer[] = [];
    let expected = ctx.ifMatch;
    for (const [i, cells] of rows.entries()) {
      const row = i + 1;
      const answer = await this.runRow(initiativeId, row, cells, this.rowContext(ctx, row, expected));
      if (answer.revision !== undefined && expected !== undefined) expected = answer.revision;
      results.push(answer);
    }
    const answer = { results };
    await this.idempotency.remember(ctx, { status: 200, body: answer });
    return answer;
  }

  private parse(body: string): string[][] {
    let rows: string[][];
    try {
      rows = parseCsv(body);
    } catch (error) {
      if (error instanceof CsvError) throw new Problem(400, 'invalid-csv', `the CSV is malformed: ${error.message}`);
      throw error;
    }
    const [header, ...data] = rows;
    if (!header || header.map((h) => h.trim()).join(',') !== CSV_HEADER.join(',')) {
      throw new Problem(
        400,
        'invalid-csv',
        `the first line must be the header ${CSV_HEADER.join(',')}; got ${header ? header.join(',').slice(0, 200) : 'nothing'}`,
      );
    }
    if (!data.length) throw new Problem(400, 'invalid-csv', 'the CSV holds a header but no measurements');
    if (data.length > MAX_ROWS) throw new Problem(400, 'invalid-csv', `the CSV holds ${data.length} rows; send at most ${MAX_ROWS} per upload`);
    return data;
  }

  /** Each row is its own command: its own idempotency key and fingerprint, derived from the upload's. */
  private rowContext(ctx: RequestContext, row: number, ifMatch: number | undefined): RequestContext {
    return {
      ...ctx,
      idempotencyKey: ctx.idempotencyKey === undefined ? undefined : `${ctx.idempotencyKey}\u0000row ${row}`,
      fingerprint: createHash('sha256').update(`${ctx.fingerprint}\u0000row ${row}`).digest('hex'),
      ifMatch,
    };
  }

  private async runRow(initiativeId: string, row: number, cells: string[], ctx: RequestContext): Promise<RowAnswer> {
    try {
      const dto = await this.validRow(cells);
      const { body } = await this.commands.execute({
        type: 'RecordMeasurement',
        initiativeId,
        ctx,
        fields: ({ state }) => {
          requireInPath(state, 'KPI', dto.kpiId);
          return { kpiId: dto.kpiId, period: dto.period, value: dto.value, partnerId: dto.partnerId, ...(dto.note !== undefined && { note: dto.note }) };
        },
      });
      return { row, status: 200, revision: body.revision, position: body.position };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const problem = error instanceof Problem ? error.body : { type: 'about:blank', title: error.message, status: error.getStatus(), detail: error.message };
      return { row, status: problem.status, problem };
    }
  }

  private async validRow(cells: string[]): Promise<MeasurementRowDto> {
    if (cells.length !== CSV_HEADER.length) {
      throw new Problem(400, 'invalid-input', `the row has ${cells.length} fields, the header ${CSV_HEADER.length}`, {
        errors: [{ field: 'row', code: 'row-shape', message: `expected ${CSV_HEADER.join(',')}` } satisfies FieldError],
      });
    }
    const [kpiId, period, value, partnerId, note] = cells.map((c) => c.trim());
    const plain = { kpiId, period, value: NUMBER.test(value) ? Number(value) : value, partnerId, ...(note !== '' && { note }) };
    const dto = plainToInstance(MeasurementRowDto, plain);
    const errors = fieldErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (errors.length) throw new Problem(400, 'invalid-input', errors.map((e) => e.message).join('; '), { errors });
    return dto;
  }
}
