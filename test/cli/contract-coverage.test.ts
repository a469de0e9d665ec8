import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src/api/contract.ts';
import { CLI_FORMS } from '../../src/cli/contract-commands.ts';
import { CliContext } from '../../src/cli/context.ts';
import { buildProgram } from '../../src/cli/main.ts';

const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => new Uint8Array(), env: {} };

describe('the CLI covers the contract', () => {
  it('names a command, or a reason it has none, for every contract operation', () => {
    const program = buildProgram(new CliContext(io));
    const commands = new Set(program.commands.map((command) => command.name()));
    for (const name of OPERATION_NAMES) {
      const form = (CLI_FORMS as Record<string, (typeof CLI_FORMS)[keyof typeof CLI_FORMS] | undefined>)[name];
      expect(form, `contract operation "${name}" has no CLI command and no "not in the CLI" entry in src/cli/contract-commands.ts`).toBeDefined();
      if (form && 'commands' in form) {
        expect(form.commands.length, name).toBeGreaterThan(0);
        for (const command of form.commands) expect(commands, `"${name}" names a command that does not exist: ${command}`).toContain(command);
      } else if (form) {
        expect(form.notInCli.length, `"${name}" needs a reason`).toBeGreaterThan(20);
      }
    }
    expect(Object.keys(CLI_FORMS).sort()).toEqual([...OPERATION_NAMES].sort());
  });
});
