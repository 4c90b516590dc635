// Print-only CSS (@media print) ships with the H5 build only.
import './print.h5.scss'

export const printSupported = true

export function printSheet(): void {
  window.print()
}
