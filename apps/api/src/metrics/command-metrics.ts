import { HttpException, Injectable } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

const outcomeOf = (error: unknown): string => {
  const status = error instanceof HttpException ? error.getStatus() : 500;
  return { 403: 'forbidden', 404: 'not-found', 409: 'conflict', 412: 'stale', 422: 'refused' }[status] ?? (status < 500 ? 'invalid' : 'error');
};

/** Counts and times every command by its HTTP-independent name and outcome. */
@Injectable()
export class CommandMetrics {
  constructor(private readonly metrics: MetricsRegistry) {}

  async observe<T>(name: string, run: () => Promise<T>): Promise<T> {
    const end = this.metrics.commandSeconds.startTimer({ command: name });
    try {
      const result = await run();
      end({ outcome: 'accepted' });
      this.metrics.commands.inc({ command: name, outcome: 'accepted' });
      return result;
    } catch (error) {
      const outcome = outcomeOf(error);
      end({ outcome });
      this.metrics.commands.inc({ command: name, outcome });
      throw error;
    }
  }
}
