/** The cockpit's pain heat-map switch (being built, see issue #13). */
export function HeatmapToggle() {
  return null
}
