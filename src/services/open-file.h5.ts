/**
 * Hands a file the function made (an Excel export) to the browser: a download, or a new tab where
 * it cannot download cross-origin. Call it from the tap itself, or pop-up blockers stop it.
 */
export async function openFile(file: {
  readonly url: string
  readonly fileName: string
}): Promise<'opened' | 'failed'> {
  const a = document.createElement('a')
  a.href = file.url
  a.target = '_blank'
  a.rel = 'noopener'
  a.download = file.fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return 'opened'
}
