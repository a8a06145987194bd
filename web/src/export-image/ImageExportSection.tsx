/** The cockpit's image export buttons (being built, see issue #13). */
export function ImageExportSection() {
  return null
}
