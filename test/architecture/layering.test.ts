import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

const SRC = join(PROJECT_ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every `from '…'` of the files under the given folders of src/, with the file it is in. */
function imports(...folders: string[]): { file: string; from: string }[] {
  return folders.flatMap((f) => filesUnder(join(SRC, f))).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => ({ file: relative(SRC, file), from: m[1]! })));
}

describe('layering', () => {
  it('keeps the domain (rules, engine, adjudication, money) free of Express, mongoose, storage and HTTP', () => {
    const bad = imports('adjudication', 'engine', 'rules', 'money').filter(({ from }) => /^(express|mongoose|mongodb)$|\/store\/|\/http\//.test(from));
    expect(bad).toEqual([]);
  });

  it('keeps services and capabilities free of HTTP: they return domain results', () => {
    const bad = imports('service', 'statistics', 'search', 'warnings', 'matching', 'profiles', 'simulation', 'counterfactuals', 'audit', 'readable', 'webhooks').filter(({ from }) => /^express$|\/http\//.test(from));
    expect(bad).toEqual([]);
  });

  it('reaches MongoDB only through src/store: no model method is called elsewhere, and handlers never see models', () => {
    const calls = filesUnder(SRC)
      .filter((f) => !relative(SRC, f).startsWith('store/'))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bmodels\.[A-Za-z]+\.(find|findById|findOne|create|insertMany|updateOne|updateMany|deleteOne|deleteMany|exists|replaceOne|aggregate|countDocuments|collection)\b/g)].map((m) => `${relative(SRC, file)}: ${m[0]}`));
    expect(calls).toEqual([]);
    const handlers = filesUnder(join(SRC, 'http')).filter((f) => /\bctx\.models\b|from 'mongoose'/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(handlers).toEqual([]);
  });
});
