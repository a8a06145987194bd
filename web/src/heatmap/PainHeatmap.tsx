/** The pain heat-map drawn on the canvas (being built, see issue #13). */
export function PainHeatmap() {
  return null
}
