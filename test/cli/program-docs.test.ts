import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProgramDocs } from '../../src/docs/program-docs';
import { PROJECT_ROOT } from '../../src/paths';

it('docs/programs.md is what the rule packs give (run npm run docs:programs after editing a pack)', () => {
  const current = readFileSync(join(PROJECT_ROOT, 'docs', 'programs.md'), 'utf8');
  expect(current).toBe(renderProgramDocs());
});

it('documents every shipped program with its parameters, sources and assumptions', () => {
  const text = renderProgramDocs();
  expect(text).toContain('## 440112/vc-settlement-reward — 黄埔区风投机构落户奖励');
  expect(text).toMatch(/\| `partnershipLifetimeCap`[^|]*\| `20000000` \| sourced \| suipufugui2020n13 第三条 累计最高2000万元 \|/);
  expect(text).toContain('- `suipufugui2020n13` (sourced): 广州市黄埔区');
  expect(text).toMatch(/Assumptions to confirm: /);
  expect(text).toContain('status: **draft**');
});

it('the README links the programs document and nothing outside the repository', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  expect(readme).toContain('(docs/programs.md)');
  expect(readme).not.toMatch(/\.\.\/shared|\]\(\.\.\//);
});
