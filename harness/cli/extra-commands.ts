// Commands contributed by other parts of the project (serve, mutants, diff) register here, so main.ts
// stays a list of what the tool can do.
import { Command } from 'commander';

export const extraCommands: ((program: Command) => void)[] = [];
