/**
 * H5 polyfills, by name (docs/adr/0027): exactly what the browsers we support (package.json
 * `browserslist`: Chrome ≥ 61, iOS ≥ 11) lack of what our code calls, imported first by the H5
 * platform module (which app.ts imports first; WeChat's platform module has none). babel adds none on its own:
 * its usage-based mode cannot tell an array's `.map` from an iterator's and pulled in 196 KB of
 * core-js for a page's entry. `test/core/h5-polyfills.test.ts` reads every source file the way
 * babel's usage mode does and fails when code starts to need one that is not here (or when one here
 * is no longer needed), naming it.
 */
import 'core-js/modules/es.array.at.js' // Chrome 92, iOS 15.4
import 'core-js/modules/es.string.at-alternative.js' // Chrome 92, iOS 15.4
import 'core-js/modules/es.array.flat.js' // Chrome 69, iOS 12
import 'core-js/modules/es.array.flat-map.js' // Chrome 69, iOS 12
import 'core-js/modules/es.array.sort.js' // a stable sort: Chrome 70, iOS 12
import 'core-js/modules/es.object.from-entries.js' // Chrome 73, iOS 12.1
import 'core-js/modules/es.global-this.js' // Chrome 71, iOS 12.1
import 'core-js/modules/es.promise.finally.js' // Chrome 63, iOS 11.1
