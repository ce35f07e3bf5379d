import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { componentsSchema, toJsonSchema } from './json-schema';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, unknown> };
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}

export interface OperationObject {
  operationId: string;
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: Record<string, { required?: boolean }> }>;
}

/** An operation as the contract names it: its method and the document's path template. */
export type OperationKey = `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`;

export interface LiveAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the body as sent, undecoded */
  text: string;
}

const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch'];
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
export const mediaTypeOf = (answer: LiveAnswer): string =>
  String(answer.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();

/**
 * Checks live answers against the OpenAPI document: the status must be declared for the
 * operation, the media type among the declared ones, the body valid against that media type's
 * schema, and every header the document marks required present. Remembers which statuses of
 * which operations were seen valid, so a suite can tell which operations it never exercised.
 */
export class OpenApiChecker {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  private readonly validators = new Map<string, ValidateFunction>();
  readonly seen = new Map<OperationKey, Set<number>>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(componentsSchema(document.components.schemas));
  }

  /** Every operation of the document, by key. */
  operations(): Array<[OperationKey, OperationObject]> {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, op]) => [`${method.toUpperCase()} ${path}` as OperationKey, op] as [OperationKey, OperationObject]),
    );
  }

  operation(key: OperationKey): OperationObject {
    const [method, path] = key.split(' ');
    const op = this.document.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${key} is not an operation of the OpenAPI document`);
    return op;
  }

  /** What is wrong with this answer to `key`, in words; empty when it matches the document. */
  problems(key: OperationKey, answer: LiveAnswer): string[] {
    const op = this.operation(key);
    const declared = op.responses[String(answer.status)] ?? op.responses[`${String(answer.status)[0]}XX`] ?? op.responses.default;
    if (!declared)
      return [
        `answered ${answer.status}, which the document does not declare (it declares ${Object.keys(op.responses).join(', ')}): ${answer.text.slice(0, 300)}`,
      ];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      if (header.required && answer.headers[name.toLowerCase()] === undefined) problems.push(`${answer.status} lacks the required header ${name}`);
    }
    if (!declared.content) return problems;
    const mediaType = mediaTypeOf(answer);
    const content = declared.content[mediaType];
    if (!content) return [...problems, `${answer.status} came as '${mediaType}', the document declares ${Object.keys(declared.content).join(', ')}`];
    let body: unknown = answer.text;
    if (isJson(mediaType)) {
      try {
        body = JSON.parse(answer.text);
      } catch {
        return [...problems, `${answer.status} '${mediaType}' body is not JSON: ${answer.text.slice(0, 200)}`];
      }
    }
    if (mediaType === 'application/x-ndjson') {
      const bad = answer.text
        .split('\n')
        .filter(Boolean)
        .filter((line) => {
          try {
            JSON.parse(line);
            return false;
          } catch {
            return true;
          }
        });
      if (bad.length) problems.push(`${bad.length} NDJSON line(s) are not JSON, the first: ${bad[0].slice(0, 200)}`);
    }
    const validate = this.validator(`${key} ${answer.status} ${mediaType}`, content.schema ?? {});
    if (!validate(body)) {
      problems.push(
        ...(validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${answer.status} body${e.instancePath || ''} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`),
      );
    }
    return problems;
  }

  /** Checks and, when the answer matches, counts it for coverage. */
  check(key: OperationKey, answer: LiveAnswer): string[] {
    const problems = this.problems(key, answer);
    if (!problems.length) {
      if (!this.seen.has(key)) this.seen.set(key, new Set());
      this.seen.get(key)!.add(answer.status);
    }
    return problems;
  }

  /**
   * The operations whose success no case showed, and those that declare refusals of which no
   * case showed one: a route added without a contract case lands in both.
   */
  unexercised(): { withoutSuccess: OperationKey[]; withoutRefusal: OperationKey[] } {
    const withoutSuccess: OperationKey[] = [];
    const withoutRefusal: OperationKey[] = [];
    for (const [key, op] of this.operations()) {
      const statuses = [...(this.seen.get(key) ?? [])];
      if (!statuses.some((s) => s >= 200 && s < 300)) withoutSuccess.push(key);
      const refuses = Object.keys(op.responses).some((s) => s.startsWith('4'));
      if (refuses && !statuses.some((s) => s >= 400 && s < 500)) withoutRefusal.push(key);
    }
    return { withoutSuccess, withoutRefusal };
  }

  private validator(id: string, schema: unknown): ValidateFunction {
    if (!this.validators.has(id)) this.validators.set(id, this.ajv.compile(toJsonSchema(schema) as object));
    return this.validators.get(id)!;
  }
}
