/**
 * The home tiles' icons: one small set of 24×24 line icons drawn here (a stroke path each), in the
 * brand red. No icon package: NutUI's (@nutui/icons-react-taro) costs 1.5–2 KB a glyph plus its
 * template, ~20 KB for these ten, and the main package has ~2 KB to spare
 * (config/size-budget.json). Each is a CSS background (an SVG data URI built here, so the shared
 * `<svg>` wrapper ships once), which both WeChat and browsers draw; always decoration (the tile's
 * text names it).
 */
const PATHS = {
  report: 'M3 10v4h4l6 4V6l-6 4zM16.5 9a4 4 0 0 1 0 6M19 6.5a7.5 7.5 0 0 1 0 11',
  help: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3.3 2.7-5 6-5s6 1.7 6 5M16 5a3 3 0 0 1 0 6M18 15c2 .6 3 2.3 3 5',
  heart: 'M12 20s-8-5.2-8-11a4 4 0 0 1 8-1 4 4 0 0 1 8 1c0 5.8-8 11-8 11z',
  flag: 'M5 21V4h12l-2 4 2 4H5',
  bag: 'M5 8h14l-1 12H6zM9 8V6a3 3 0 0 1 6 0v2',
  talk: 'M4 5h16v11H10l-5 4v-4H4zM8 9h8M8 12h5',
  star: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1-5.4-2.9-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  guide: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h6M9 16h6',
  box: 'M3 9h18v11H3zM8 9V6h8v3M3 14h18M11 14v2h2v-2',
  home: 'M3 11l9-7 9 7M6 9v11h12V9M10 20v-5h4v5',
} as const

export type IconName = keyof typeof PATHS

/** The icon as a CSS `background-image` value. */
export function iconBackground(name: IconName): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#b8322a" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="${PATHS[name]}"/></svg>`
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
}
