/** Challenge versions from the store, as parsed packages for judging and candidate views. */
export { createCatalog, type Catalog } from './catalog.ts';
