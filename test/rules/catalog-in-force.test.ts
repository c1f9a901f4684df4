import { ReadsCatalogInForce } from '../../src/rules/catalog-in-force';
import type { ProgramCatalog } from '../../src/rules/catalog';

class Reader extends ReadsCatalogInForce {
  current(): ProgramCatalog {
    return this.catalog;
  }
}

// Stand-ins: only the identity of the catalog matters here.
const first = { name: 'first' } as unknown as ProgramCatalog;
const second = { name: 'second' } as unknown as ProgramCatalog;

describe('a service reading the catalog in force', () => {
  it('sees the catalog a rule reload installs, on its next read', () => {
    let inForce = first;
    const reader = new Reader(() => inForce);
    expect(reader.current()).toBe(first);
    inForce = second;
    expect(reader.current()).toBe(second);
  });

  it('keeps a fixed catalog when given one', () => {
    expect(new Reader(first).current()).toBe(first);
  });
});
