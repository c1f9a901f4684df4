import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

export interface ReadmeExample {
  path: string;
  idempotencyKey?: string;
  body: Record<string, unknown>;
}

/** The curl example of the README section with this heading: its path, Idempotency-Key and body. */
export function readmeExample(heading: string): ReadmeExample {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`${heading}\n`);
  if (at < 0) throw new Error(`README has no section ${heading}`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  const path = /curl -s -X POST localhost:3000(\S+)/.exec(block)![1]!;
  const idempotencyKey = /Idempotency-Key: ([^'"]+)'/.exec(block)?.[1];
  const body = JSON.parse(/-d '([\s\S]*?)'/.exec(block)![1]!) as Record<string, unknown>;
  return { path, ...(idempotencyKey ? { idempotencyKey } : {}), body };
}

/** The README's first example: the submission under "Submitting an application". */
export const readmeFirstExample = () => readmeExample('## Submitting an application') as Required<ReadmeExample>;
