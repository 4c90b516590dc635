// Jest projects: core, functions, emulator (node), ui (jsdom + Testing Library), weapp
// (miniprogram-simulate on the compiled weapp build). `npm test` runs them all, then the e2e suite.
const path = require('node:path')

const rootDir = path.join(__dirname, '..')
const nodeBabel = {
  configFile: false,
  babelrc: false,
  presets: [['@babel/preset-env', { targets: { node: '20' } }], '@babel/preset-typescript'],
}
const aliases = {
  '^@core/(.*)$': '<rootDir>/src/core/$1',
  '^@/(.*)$': '<rootDir>/src/$1',
}

const node = (name, extra = {}) => ({
  displayName: name,
  rootDir,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', nodeBabel] },
  moduleNameMapper: aliases,
  ...extra,
})

module.exports = {
  rootDir,
  projects: [
    node('core'),
    node('functions', {
      globalSetup: '<rootDir>/test/support/build-functions.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.js'],
    }),
    node('emulator'),
    // Memory budgets of the built functions, each in its own process (timings: npm run bench:functions).
    // Each runs a function's whole benchmark in a child process: seconds on a shared machine.
    node('perf', {
      globalSetup: '<rootDir>/test/support/build-functions.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.js'],
    }),
    {
      displayName: 'ui',
      rootDir,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/support/ui-setup.ts'],
      transform: {
        '^.+\\.m?[jt]sx?$': [
          'babel-jest',
          {
            configFile: false,
            babelrc: false,
            presets: [
              ['@babel/preset-env', { targets: { node: '20' } }],
              '@babel/preset-typescript',
              ['@babel/preset-react', { runtime: 'automatic' }],
            ],
          },
        ],
      },
      // Taro's H5 components and NutUI ship ESM: let babel transform them.
      transformIgnorePatterns: [
        '/node_modules/(?!(@tarojs|@stencil|@nutui|tslib|\\.pnpm|swiper|ssr-window|dom7|@babel/runtime/helpers/esm)/)',
      ],
      moduleNameMapper: {
        ...aliases,
        '^@tarojs/taro$': '<rootDir>/test/support/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
        '\\.(css|scss|sass|less)$': '<rootDir>/test/support/style-stub.js',
        '\\.(png|jpg|jpeg|gif|svg)$': '<rootDir>/test/support/style-stub.js',
      },
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: false,
        DEPRECATED_ADAPTER_COMPONENT: false,
      },
    },
    node('weapp', { testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] }),
    // Whole journeys in Debian's Chromium against the H5 build served by the local CloudBase.
    node('e2e', { setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.js'] }),
  ],
}
