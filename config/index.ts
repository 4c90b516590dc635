import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { writeFileSync } from 'node:fs'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import type { Compiler } from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

// weapp and h5 write to separate folders so one build never wipes the other.
const isH5 = process.env.TARO_ENV === 'h5'
const outputRoot = `dist/${isH5 ? 'h5' : 'weapp'}`

/** `H5_STATS=file npm run build:h5`: writes webpack's chunk/module stats, to see what a chunk holds. */
class StatsJsonPlugin {
  constructor(private readonly file: string) {}
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('StatsJsonPlugin', (stats) => {
      const json = stats.toJson({
        all: false,
        chunks: true,
        chunkModules: true,
        dependentModules: true,
        nestedModules: true,
        entrypoints: true,
      })
      writeFileSync(this.file, JSON.stringify(json))
    })
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'e-mulin',
    date: '2026-11-21',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Chinese text ships as UTF-8, not as \uXXXX escapes (Taro's default `ascii_only: true` for
    // mini-programs spends 6 bytes on each character instead of 3; WeChat reads the package as
    // UTF-8, and validate:weapp compiles it). Weapp only: H5's minifier settings are Taro's.
    ...(process.env.TARO_ENV === 'weapp'
      ? { terser: { enable: true, config: { output: { ascii_only: false } } } }
      : {}),
    mini: {
      // Dependencies that ship modern syntax must be transpiled like our code: the WeChat package is
      // built as ES2017 (project.config.json es6:false; docs/adr/0002) and validate:weapp checks it.
      compile: { include: [(file: string) => /node_modules[\\/]valibot[\\/]/.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // Taro sizes the root font by the screen's shorter side (20 px at 375), up to 40 px: on a
        // street officer's PC (1280×900) every page was twice a phone's size. 24 px at most keeps a
        // PC at 1.2× a phone (body 19 px) and leaves phones as they were.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only the entry's dependencies (`chunks: 'initial'`), so every page chunk carried
        // its own copy of NutUI, the shared components and core (4.1 MB of JS to minify for 39 chunks):
        // share them between pages too, in chunks of at least 20 kB so a page is a few requests.
        chain.optimization.merge({ splitChunks: { chunks: 'all', minSize: 20_000 } })
        if (process.env.H5_STATS) chain.plugin('stats-json').use(StatsJsonPlugin, [process.env.H5_STATS])
      },
    },
  }
  if (isH5 && process.env.H5_MINIFIER === 'esbuild') {
    // `npm start`'s local H5 build: esbuild minifies in a fraction of terser's time, for ~20 % more
    // bytes (docs/adr/0017). `npm run build:h5` keeps terser; so does weapp (its main-package budget).
    baseConfig.jsMinimizer = 'esbuild'
    baseConfig.esbuild = { minify: { enable: true, config: { target: 'es2017' } } }
  }

  process.env.BROWSERSLIST_ENV = process.env.NODE_ENV
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
