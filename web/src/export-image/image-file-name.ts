export type ImageFormat = 'png' | 'svg'

/** Names Windows keeps for devices: a file cannot be called that, whatever its extension. */
const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i

/**
 * An image export is named after its board, readable as the board's name is ("Release
 * discovery" → `Release-discovery.png`): letters and digits kept (accents dropped), every run of
 * anything else one dash, so the name is safe on every OS and in any download.
 */
export function imageFileName(boardName: string, format: ImageFormat): string {
  let stem = boardName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  if (stem === '') stem = 'board'
  if (reserved.test(stem)) stem = `${stem}-board`
  return `${stem}.${format}`
}
