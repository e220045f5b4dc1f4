/** Kattis / ICPC problem packages read as Kodbro challenges. */
export { isKattisPackage, loadKattisPackage } from './load.ts';
export { defaultValidatorChecker } from './validators.ts';
export { PROBLEM_FILE } from './problem-yaml.ts';
