import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// weapp and h5 write to separate folders so one build never wipes the other.
const outputRoot = `dist/${process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'}`

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
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }

  process.env.BROWSERSLIST_ENV = process.env.NODE_ENV
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
