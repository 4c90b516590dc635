// Used by the Taro builds (webpack). Jest uses its own inline presets (config/jest.config.js).
//
// No automatic polyfills on either platform (docs/adr/0027). Taro's `useBuiltIns: 'usage'` (H5 used
// it) routes through transform-runtime's `corejs: 3`, which swapped every `Promise`, `includes`,
// `.map`… for core-js-pure's copy whatever the targets: 196 KB of the H5 entry chunk, nearly all of
// it native in Chrome 61 and iOS 11. H5 imports what those browsers lack by name instead
// (src/services/polyfills.h5.ts, guarded by test/core/h5-polyfills.test.ts).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
}
