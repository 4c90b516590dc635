/** One line per event; errors go to stderr. Quiet mode keeps test output clean but still logs errors. */
let quiet = process.env.EMULATOR_QUIET === '1'

export function setQuiet(value: boolean): void {
  quiet = value
}

/** Where info lines go instead of stdout (npm start without --verbose: a log file). */
let sink: ((line: string) => void) | null = null

export function infoTo(write: ((line: string) => void) | null): void {
  sink = write
}

export function info(message: string): void {
  if (sink) sink(`${new Date().toISOString()} [emulator] ${message}\n`)
  else if (!quiet) process.stdout.write(`[emulator] ${message}\n`)
}

export function error(where: string, code: string | number, message: string): void {
  const oneLine = message.replace(/\s+/g, ' ').slice(0, 500)
  process.stderr.write(`[emulator] ${new Date().toISOString()} ERROR ${where} ${String(code)} ${oneLine}\n`)
}
