/** Challenge versions from the store as parsed packages; publishing packages; the package worker processes. */
export { openCatalog, packageLockTtlMs, type Catalog } from './catalog.ts';
