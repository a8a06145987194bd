/**
 * Hands a file made in the page to the browser as a download, under `fileName`. An object URL
 * of our own blob: nothing leaves the page, and the download keeps the name we chose.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download; give the browser a moment before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
