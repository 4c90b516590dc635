import path from 'node:path'

/** emulator/dist/<entry>.js → repository root */
export const repoRoot = path.resolve(__dirname, '..', '..')
export const distDir = __dirname
export const workerFile = path.join(__dirname, 'worker.js')
