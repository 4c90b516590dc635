/** H5: fetch the image and hand it to the browser as a download named after the building and code. */
export async function saveCodeImage(url: string, fileName: string): Promise<'saved'> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`download failed: ${res.status}`)
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = href
    a.download = `${fileName}.png`
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 10_000)
  }
  return 'saved'
}
