import { runCliTool } from '../support/server-process';

jest.setTimeout(120000);

const commands: [string, string[], RegExp][] = [
  ['test-rules.ts', ['--help'], /Usage: rules:test \[options\] \[programs\.\.\.\]/],
  ['publish-hashes.ts', ['--help'], /Usage: rules:publish \[options\] \[programs\.\.\.\]/],
  ['api-keys.ts', ['--help'], /Usage: keys \[options\] \[command\][\s\S]*create[\s\S]*list[\s\S]*revoke[\s\S]*rotate-dev/],
  ['api-keys.ts', ['create', '--help'], /Usage: keys create[\s\S]*--role <role>/],
  ['api-keys.ts', ['list', '--help'], /Usage: keys list/],
  ['api-keys.ts', ['revoke', '--help'], /Usage: keys revoke \[options\] <id>/],
  ['api-keys.ts', ['rotate-dev', '--help'], /Usage: keys rotate-dev/],
  ['generate-program-docs.ts', ['--help'], /Usage: docs:programs/],
  ['rules.ts', ['--help'], /Usage: rules \[options\] \[command\][\s\S]*validate[\s\S]*test[\s\S]*new-version[\s\S]*diff[\s\S]*simulate/],
  ['rules.ts', ['validate', '--help'], /Usage: rules validate \[options\] \[paths\.\.\.\]/],
  ['rules.ts', ['test', '--help'], /Usage: rules test \[options\] \[path\]/],
  ['rules.ts', ['new-version', '--help'], /Usage: rules new-version \[options\] <program>[\s\S]*--from <date>/],
  ['rules.ts', ['diff', '--help'], /Usage: rules diff \[options\] <program> <v1> <v2>/],
  ['rules.ts', ['simulate', '--help'], /Usage: rules simulate \[options\] <program> <version>/],
];

it.each(commands)('%s %s prints its usage and exits 0', (file, args, usage) => {
  const r = runCliTool(file, args);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(usage);
  expect(r.status).toBe(0);
});

it('answers a bad option or argument with a clear error and a non-zero exit', () => {
  const unknown = runCliTool('api-keys.ts', ['--bogus']);
  expect(unknown.stderr).toContain("error: unknown option '--bogus'");
  expect(unknown.status).toBe(1);
  const badRole = runCliTool('api-keys.ts', ['create', '--name', 'x', '--role', 'king', '--jurisdiction', '*']);
  expect(badRole.stderr).toContain('must be one of applicant, policy-staff, auditor, admin');
  expect(badRole.status).toBe(1);
  const missing = runCliTool('api-keys.ts', ['create', '--name', 'x']);
  expect(missing.stderr).toContain("required option '--role <role>' not specified");
  const noProgram = runCliTool('test-rules.ts', ['nowhere/nothing']);
  expect(noProgram.stderr).toContain('error: no program nowhere/nothing');
  expect(noProgram.status).not.toBe(0);
});
