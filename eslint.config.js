// The house rules the tooling enforces (`npm run lint`, README "House rules"): import zones between the
// SPA's layers and between the SPA, the server and the contract; no import cycles; kebab-case file and
// folder names; typescript-eslint's recommended rules and the rules of hooks. Types are `tsc -b`'s job
// (no type-aware rules here, which keeps the run short); formatting is Prettier's
// (eslint-config-prettier, last, turns off every rule that would fight it).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const CODE = '**/*.{ts,tsx,mts,js,mjs}';
const TESTS = ['**/*.test.{ts,tsx}', '**/*.test-helpers.ts'];
const NAMED_DIRS = '{src,server,contract,e2e,bench,scripts}';

/** Every folder under src/features is a feature: a new one is fenced in without editing this file. */
const FEATURES = readdirSync(`${root}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Zones that tests and test helpers may cross (they are not bundled): see TEST_ZONES. */
const INTO_SERVER = [
  {
    target: './src',
    from: './server',
    message: 'The SPA talks to the server over HTTP; what both need lives in contract/ (@contract/*).',
  },
  { target: './contract', from: './server', message: 'contract/ is browser-safe and stands alone.' },
];

/** Who may not import whom (paths from the repository root): a zone forbids `target` → `from`. */
const ZONES = [
  // Features are composed in src/app only; what two features share moves down into src/lib.
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features never import other features: compose them in src/app, move what they share to src/lib.',
  })),
  { target: './src/features', from: './src/app', message: 'src/app composes the features, not the other way round.' },
  {
    target: './src/lib',
    from: ['./src/features', './src/app'],
    message: 'src/lib is shared code: it imports no feature and not the app.',
  },
  { target: './server', from: './src', message: 'The server never imports the SPA; what both need lives in contract/.' },
  { target: './contract', from: './src', message: 'contract/ is browser-safe and stands alone.' },
  ...INTO_SERVER,
];

/**
 * Test files may import server code and test helpers (today: src/features/capture/fitting/
 * vendors.test-helpers.ts reads the vendors' media limits; contract/media/probe-differential.test.ts
 * builds clips with server/providers/local/test-clips.test-helpers.ts).
 */
const TEST_ZONES = ZONES.filter((zone) => !INTO_SERVER.includes(zone));

/**
 * The SPA takes values from the contract's zod-free modules only, so zod and the schemas stay out of
 * its bundle: types from anywhere in @contract/api, values from @contract/api/enums (and from the
 * media probe and fit check, which import no zod).
 */
const SPA_IMPORTS = {
  patterns: [
    {
      regex: '^@contract/(api(/(?!enums(\\.js)?$).*)?|media/limits(\\.js)?)$',
      allowTypeImports: true,
      message: 'The SPA imports only types from here (import type); values come from @contract/api/enums.',
    },
    { group: ['zod', 'zod/*'], allowTypeImports: true, message: 'zod stays out of the SPA bundle.' },
    { group: ['**/contract/**'], message: 'Import the contract as @contract/*.' },
  ],
};

export default defineConfig([
  globalIgnores(['dist/', '.cache/', 'node_modules/', 'test-results/', 'playwright-report/', 'data/', '.scratch/', 'public/']),

  {
    files: [CODE],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommended,
      importX.flatConfigs.recommended,
      importX.flatConfigs.typescript,
    ],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.base.json` }), createNodeResolver()],
    },
    rules: {
      // tsc checks these, with the types.
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-unresolved': 'off',
      'import-x/no-named-as-default': 'off',
      'import-x/no-named-as-default-member': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: ZONES, basePath: root }],
      // A leading underscore marks a binding kept on purpose (a parameter a signature needs, a field left
      // out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Timers declared before the closures that clear them, assigned later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },

  {
    files: TESTS.map((pattern) => `{src,contract}/${pattern}`),
    rules: { 'import-x/no-restricted-paths': ['error', { zones: TEST_ZONES, basePath: root }] },
  },

  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', SPA_IMPORTS] },
  },

  // The two classic rules of hooks. The plugin's React Compiler rules (in its recommended set since v7)
  // are left out: this app does not use the compiler, and they double the run time on a 2-core box.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['server/**', 'scripts/**', 'e2e/**', 'bench/**', 'contract/**/*.mjs', '*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  // Playwright scripts: page.evaluate() bodies run in the browser.
  { files: ['contract/media/fixtures/*.mjs'], languageOptions: { globals: globals.browser } },

  // Kebab-case names: code files (dotted suffixes such as .test.ts or .d.mts allowed), the few other
  // files we name ourselves (checked through the plugin's processor, which hands ESLint an empty text),
  // and every folder they sit in. Data files (fixtures named by their sources, generated migrations,
  // locale files, READMEs) keep the names they have.
  {
    files: [`${NAMED_DIRS}/**/*.{css,sh}`],
    processor: 'check-file/eslint-processor-check-file',
    plugins: { 'check-file': checkFile },
  },
  {
    files: [`${NAMED_DIRS}/${CODE}`, `${NAMED_DIRS}/**/*.{css,sh}`],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { '**/*': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { [`${NAMED_DIRS}/**/`]: 'KEBAB_CASE' }],
    },
  },

  prettier,
]);
