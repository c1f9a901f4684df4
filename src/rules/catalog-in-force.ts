import { catalogReader, type CatalogSource, type ProgramCatalog } from './catalog';

/**
 * A service that reads the catalog in force rather than the one it was built with: a rule
 * reload installs a new catalog, and the service's next read sees it.
 */
export abstract class ReadsCatalogInForce {
  private readonly catalogOf: () => ProgramCatalog;

  constructor(catalog: CatalogSource) {
    this.catalogOf = catalogReader(catalog);
  }

  /** The catalog in force (a rule reload installs a new one). */
  protected get catalog(): ProgramCatalog {
    return this.catalogOf();
  }
}
