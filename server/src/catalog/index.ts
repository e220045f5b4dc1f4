/** Challenge versions from the store as parsed packages; publishing packages; the package worker processes. */
export { openCatalog, type Catalog } from './catalog.ts';
