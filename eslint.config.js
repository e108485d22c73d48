import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './web/svelte.config.js';

const HTML_SINKS = 'innerHTML|outerHTML';
// Outside web/src/lib/api, no string names an API path: links to downloads come from the
// module's client too (exportHref, networkExportHref), so a changed route breaks the build.
const NO_API_PATH_BY_HAND = [
  {
    selector: String.raw`:matches(Literal[value=/\/api\/v1\//], TemplateElement[value.raw=/\/api\/v1\//], SvelteLiteral[value=/\/api\/v1\//])`,
    message: 'An API path is typed by the contract: use a helper of web/src/lib/api/<module>.ts.',
  },
];

const NO_HTML_FROM_STRINGS = [
  {
    selector: `AssignmentExpression > MemberExpression.left[property.name=/^(${HTML_SINKS})$/]`,
    message: 'Writes HTML from a string: build elements and set textContent instead.',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe)$/]',
    message: 'Writes HTML from a string: build elements and set textContent instead.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: 'Writes HTML from a string: build elements and set textContent instead.',
  },
  {
    // Leaflet writes a string given to a tooltip or popup as HTML.
    selector:
      'CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setTooltipContent|setPopupContent|setContent)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression|MemberExpression)$/]',
    message: 'Leaflet writes strings as HTML: pass an element whose text is set with textContent.',
  },
];

// Rooms and doors (ARCHITECTURE.md, "Crossing rooms"): a module's repo is imported by its own
// module only (`./x.repo`); another module goes through the owner's service, or a statement
// builder the owner's service exports for a shared DB.batch. No file imports a *.routes.ts but
// the app that mounts them. A domain file is pure: it never imports a repo.
const REPO_OF_ANOTHER_MODULE = {
  regex: String.raw`^(\.\./[^/]+|.*/modules/[^/]+)/[^/]+\.repo(\.ts)?$`,
  message:
    "A module's repo belongs to its module: call the owning module's service (or a statement builder it exports).",
};
const ROUTES_FILE = {
  regex: String.raw`\.routes(\.ts)?$`,
  message: 'Routes are mounted by src/app.ts only: move what you need into a service or src/http.',
};
const REPO_FROM_DOMAIN = {
  regex: String.raw`\.repo(\.ts)?$`,
  message: 'A domain file is pure rules: it never imports a repo (move the type into the domain).',
};
const rooms = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
// SQL lives in repos: a statement is prepared in a *.repo.ts. Explicit exceptions, each an
// owner's read model or store that other code calls like a repo: the candidates matching reads
// from listings and requests, the Idempotency-Key store, the search module's statements (moved
// there by its owner), the health check's `SELECT 1`, the bench-only D1 wrapper and the D1
// session wrapper (it passes statements through, writing none).
const SQL_OUTSIDE_REPOS = [
  'src/**/*.repo.ts',
  'src/modules/listings/listings.candidates.ts',
  'src/modules/requests/requests.candidates.ts',
  'src/modules/exchanges/exchanges.idempotency.ts',
  'src/modules/search/search.statements.ts',
  'src/modules/health/health.routes.ts',
  'src/http/middleware/bench-metrics.ts',
  'src/http/middleware/d1-session.ts',
];
const NO_SQL_HERE = {
  selector: "CallExpression[callee.property.name='prepare']",
  message: 'SQL lives in repos: move this statement into the module’s *.repo.ts.',
};
export default ts.config(
  {
    ignores: [
      'node_modules/',
      '**/node_modules/',
      '.wrangler/',
      'web/build/',
      'web/.svelte-kit/',
      'src/worker-configuration.d.ts',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLFormElement: 'readonly',
        URLSearchParams: 'readonly',
        File: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        Image: 'readonly',
        createImageBitmap: 'readonly',
        OffscreenCanvas: 'readonly',
        Response: 'readonly',
        RequestInit: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      // Links are built with the app's own base path helpers.
      'svelte/no-navigation-without-resolve': 'off',
      // User text is never markup: no {@html} anywhere (there is no reviewed exception yet; one
      // would be a single helper component, exempted here by its path and nothing else).
      'svelte/no-at-html-tags': 'error',
      // …and no other way of writing HTML from a string into the page.
      'no-restricted-syntax': ['error', ...NO_HTML_FROM_STRINGS, ...NO_API_PATH_BY_HAND],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: rooms(REPO_OF_ANOTHER_MODULE, ROUTES_FILE),
  },
  {
    files: ['src/**/*.ts'],
    ignores: SQL_OUTSIDE_REPOS,
    rules: { 'no-restricted-syntax': ['error', NO_SQL_HERE] },
  },
  {
    files: ['src/modules/**/*.domain.ts'],
    rules: rooms(REPO_OF_ANOTHER_MODULE, ROUTES_FILE, REPO_FROM_DOMAIN),
  },
  { files: ['src/app.ts'], rules: rooms(REPO_OF_ANOTHER_MODULE) },
  {
    // API paths come from the contract: operation('GET /streams/{id}', { id }) (web/src/lib/api/operation.ts).
    files: ['web/src/lib/api.ts', 'web/src/lib/api/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...NO_HTML_FROM_STRINGS,
        {
          selector: "Property[key.name='path'] > :matches(Literal, TemplateLiteral)",
          message: "An API path is typed by the contract: use operation('METHOD /path/{param}', …).",
        },
        {
          selector: 'CallExpression[callee.name=/^(call|post)$/] > :matches(Literal, TemplateLiteral)',
          message: "An API path is typed by the contract: use operation('METHOD /path/{param}', …).",
        },
      ],
    },
  },
  {
    // The first load of the home, listings and requests pages holds no zod (README, "Measured":
    // first-load JS): their code imports the contract's values from $shared/constants, and only
    // types from the schemas. (NOT_HUBS from search.schemas put zod's 26 KB back on the home page.)
    files: [
      'web/src/routes/+layout.*',
      'web/src/routes/+page.*',
      'web/src/routes/listings/+page.*',
      'web/src/routes/requests/+page.*',
      'web/src/lib/*.ts',
      'web/src/lib/components/search-*/**',
      'web/src/lib/components/listing-card/**',
      'web/src/lib/components/request-card/**',
    ],
    rules: {
      // `import { type T } from` would still load the module (verbatimModuleSyntax): `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['$shared/*.schemas'],
              allowTypeImports: true,
              message:
                'A first page load holds no zod: import values from $shared/constants, types with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the API over HTTP: it may share src/shared, never a module.
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: String.raw`(^|/)src/modules/`, message: 'The web app imports src/shared only.' },
          ],
        },
      ],
    },
  },
);
