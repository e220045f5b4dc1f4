/** Kattis / ICPC problem packages read as Kodbro challenges. */
export { isKattisPackage, loadKattisPackage } from './load.ts';
