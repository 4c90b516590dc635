/**
 * The WeChat build adds no polyfills (babel.config.js). The H5 build's are in `polyfills.h5.ts`,
 * imported first by app.ts so they are in place before any module runs.
 */
export {}
