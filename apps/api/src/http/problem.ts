import { HttpException } from '@nestjs/common';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problemType = (slug: string): string => `https://regie.dev/problems/${slug}`;

/** An RFC 9457 problem, thrown anywhere in the HTTP shell and rendered by ProblemDetailsFilter. */
export class Problem extends HttpException {
  /** headers the answer carries beside the problem document (a query's Regie-Position, say) */
  readonly headers: Record<string, string> = {};

  constructor(status: number, slug: string, detail: string, extensions: Record<string, unknown> = {}) {
    super({ type: problemType(slug), title: TITLES[status] ?? 'Error', status, detail, ...extensions }, status);
  }

  get body(): ProblemBody {
    return this.getResponse() as ProblemBody;
  }
}

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';
