// ESLint for the whole repository (flat config). `npm run lint` runs it and
// knip (unused files, exports and dependencies); `npm test` runs `npm run lint`.
//
// The rules that matter most here are structural:
// - a capability folder of server/src (and client/src's editor and i18n) is
//   entered only through its index.ts, so its internals can change freely;
// - no import cycles;
// - React's rules of hooks;
// - no promise left floating: an error must never be dropped on the floor.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** Folders of `dir` that have an index.ts: their insides are private to them. */
function capabilities(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, dir, entry.name, 'index.ts')))
    .map((entry) => entry.name);
}

/** One zone per capability: nothing outside it may import its files but index.ts. */
function boundaryZones(dir) {
  return capabilities(dir).map((name) => ({
    target: `./${dir}/!(${name})/**/*`,
    from: `./${dir}/${name}`,
    except: ['./index.ts'],
    message: `Import ${dir}/${name} through its index.ts.`,
  }));
}

/** Folders with no index.ts are entry points or composition roots: nothing imports them. */
function entryZones(dir) {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !existsSync(path.join(root, dir, entry.name, 'index.ts')))
    .map((entry) => entry.name);
  return entries.map((name) => ({
    target: `./${dir}/!(${name})/**/*`,
    from: `./${dir}/${name}`,
    message: `${dir}/${name} is an entry point or composition root; nothing else imports it.`,
  }));
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'challenges/**', 'tests/fixtures/**', 'tests/integration/programs/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts', 'client/scripts/*.mjs', 'server/bin/*.js', 'server/scripts/*.mjs', 'server/scripts/*.cjs'] },
        tsconfigRootDir: root,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Other files are parsed too (to follow their imports for no-cycle): TypeScript's parser for .ts/.tsx.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Handlers and store methods are async to fit their interfaces, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Sanitisers match control characters on purpose.
      'no-control-regex': 'off',
      // Our objects of functions are closures, not class methods: nothing to unbind.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...boundaryZones('server/src'), ...entryZones('server/src')] }],
    },
  },
  {
    files: ['server/src/contracts/**/*.ts'],
    rules: {
      // The client imports the contracts: they must not pull in Node.
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '../*'], message: 'Contracts import nothing from Node or from other capabilities.' }] }],
    },
  },
  {
    // The contracts' plain values (plain.ts and the files it re-exports) are what the
    // candidate's page imports at run time: no zod, so it stays off the first load.
    files: ['server/src/contracts/{plain,short-code,scoring,canonical,signature-values}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./(plain|short-code|scoring|canonical|signature-values)\\.ts$)', message: 'plain.ts and what it re-exports import nothing but each other (no zod).' }] },
      ],
    },
  },
  {
    // Candidate pages: types from the contracts, values only from their zod-free part.
    // Staff pages (a lazy chunk) may parse with zod.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/staff/**', 'client/src/api/staff.ts', 'client/src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kodbro/server/contracts',
              allowTypeImports: true,
              message: "Values come from '@kodbro/server/contracts/plain': the schemas would put zod on the candidate's first load.",
            },
            { name: 'zod', allowTypeImports: true, message: "zod is for staff pages only: the candidate's first load has none." },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...boundaryZones('client/src'),
            // The staff pages' own capabilities (the challenge editor): the rest of the staff pages see their index.ts only.
            ...capabilities('client/src/staff').map((name) => ({
              target: ['./client/src/staff/*', `./client/src/staff/!(${name})/**/*`, './client/src/!(staff)/**/*'],
              from: `./client/src/staff/${name}`,
              except: ['./index.ts'],
              message: `Import client/src/staff/${name} through its index.ts.`,
            })),
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (configs, scripts) is not type-checked.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests reach into modules on purpose and assert with loose types.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
