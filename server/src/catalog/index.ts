/** Challenge versions from the store as parsed packages; publishing packages; the package worker processes. */
export { openCatalog, type Catalog, type CatalogOptions, type Published, type Upload } from './catalog.ts';
export type { CacheStats } from './cache.ts';
