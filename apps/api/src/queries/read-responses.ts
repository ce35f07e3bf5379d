import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The response headers every query sends. */
export const ApiReadResponse = (description: string) =>
  applyDecorators(ApiResponse({
    status: 200,
    description,
    headers: {
      'Regie-Position': { description: 'the global position the projection had seen when it answered', schema: { type: 'integer' } },
      'Regie-Stale': { description: "'true' when ?minPosition= was not reached within 5 s (the answer is what the projection had)", schema: { type: 'string' } },
    },
  }));
