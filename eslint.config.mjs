// Lint, and the architecture's import boundaries (docs/adr/0001-foundation.md):
// - src/core is pure: no Taro, React, wx, or CloudBase SDK imports.
// - app code (src/) never imports server code (cloudfunctions/, emulator/).
// - function code never imports app or emulator code other than src/core.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const PLATFORM = ['@tarojs/*', 'react', 'react-dom', 'react/*', '@nutui/*', '@cloudbase/*', 'wx-server-sdk']

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.local/**',
      'coverage/**',
      'cloudfunctions/*/index.js',
      'emulator/dist/**',
      'test-results/**',
      'test/emulator/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cloudfunctions/**', '**/emulator/**'],
              message: 'App code never imports server code.',
            },
          ],
        },
      ],
    },
  },
  {
    // docs/adr/0002: every schema of the registry ships wherever `apiActions` is imported (it put all
    // feature schemas in the main package). App code calls through clients built from feature maps
    // (`apiClient` in services/cloud.ts, `src/features/<feature>/api.ts`); from @core/api, types only.
    // What actually ships in main is checked on the build by test/weapp/main-package.test.ts.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@core/api', '**/core/api'],
              allowTypeImports: true,
              message:
                'Import only types from @core/api: call through apiClient(<feature maps>) (docs/adr/0002).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: PLATFORM, message: 'src/core is pure: no Taro, React, NutUI or SDK imports.' },
            {
              group: [
                '**/services/**',
                '**/pages/**',
                '**/components/**',
                '**/hooks/**',
                '**/features/**',
                '**/cloudfunctions/**',
                '**/emulator/**',
              ],
              message: 'src/core imports only src/core.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'wx', 'window', 'document', 'localStorage'],
    },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'react', 'react-dom', '@nutui/*'],
              message: 'Functions never import app libraries.',
            },
            {
              group: [
                '**/src/pages/**',
                '**/src/components/**',
                '**/src/services/**',
                '**/src/hooks/**',
                '**/src/features/**',
                '**/emulator/**',
              ],
              message: 'Functions import only src/core and cloudfunctions/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx,js}', 'config/**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
)
