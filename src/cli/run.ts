import type { Command } from 'commander';

/**
 * Runs a command-line program: usage errors are reported by commander (exit 1, with the
 * help); a failure of the work itself prints its message, never a stack trace (exit 2).
 */
export function runCli(program: Command): void {
  program.parseAsync(process.argv).then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
