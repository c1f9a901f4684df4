import type { Command } from 'commander';

/** Registered by the simulation (see src/simulation/). */
export function simulateCommand(program: Command, _rulesOption: readonly [string, string, string]): void {
  program
    .command('simulate')
    .description('evaluate a version of a program against the stored applications of a period (see src/simulation)')
    .argument('<program>', 'program key')
    .argument('<version>', 'version label')
    .action(() => {
      throw new Error('simulate is not available yet');
    });
}
