// Print-only CSS (@media print) ships with the H5 build only.
import './print.h5.scss'

export const keepMode: 'print' | 'copy' = 'print'

/** Opens the browser's print dialog (which also offers 另存为 PDF). */
export async function keepRecord(_text: string): Promise<void> {
  window.print()
}
