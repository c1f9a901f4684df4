import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** The README's first example (the submission under "Submitting an application"): its headers and body. */
export function readmeFirstExample(): { path: string; idempotencyKey: string; body: Record<string, unknown> } {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Submitting an application'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const path = /curl -s -X POST localhost:3000(\S+)/.exec(block)![1]!;
  const idempotencyKey = /Idempotency-Key: ([^'"]+)'/.exec(block)![1]!;
  const body = JSON.parse(/-d '([\s\S]*?)'\s*$/m.exec(block)![1]!) as Record<string, unknown>;
  return { path, idempotencyKey, body };
}
