/** WeChat has no printing: the page explains how to print from a computer instead. */
export const printSupported = false

export function printSheet(): void {
  // Nothing to do inside the mini-program.
}
