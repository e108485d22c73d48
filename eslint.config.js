import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './web/svelte.config.js';

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
    },
  },
);
