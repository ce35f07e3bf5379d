export interface CliCommand {
  summary: string;
  /** Resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}
