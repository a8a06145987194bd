import { type ClusterRecord, readCluster } from '@stormline/shared/backlog/clusters'

export { visibleClusters } from '@stormline/shared/backlog/clusters'

/** Every stored cluster by id, read defensively (edits work on these, not on the visible view). */
export function storedClusters(
  raw: Readonly<Record<string, unknown>>,
): Record<string, ClusterRecord> {
  const clusters: Record<string, ClusterRecord> = {}
  for (const [key, value] of Object.entries(raw)) {
    const cluster = readCluster(value)
    if (cluster !== null && cluster.id === key) clusters[key] = cluster
  }
  return clusters
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** The box around all members, grown by `padding` on every side; null without members. */
export function outlineAround(bounds: readonly Rect[], padding: number): Rect | null {
  if (bounds.length === 0) return null
  const minX = Math.min(...bounds.map((b) => b.x))
  const minY = Math.min(...bounds.map((b) => b.y))
  const maxX = Math.max(...bounds.map((b) => b.x + b.w))
  const maxY = Math.max(...bounds.map((b) => b.y + b.h))
  return {
    x: minX - padding,
    y: minY - padding,
    w: maxX - minX + 2 * padding,
    h: maxY - minY + 2 * padding,
  }
}

export function newClusterId(random: () => string = () => crypto.randomUUID()): string {
  return `cluster:${random().replaceAll('-', '').slice(0, 16)}`
}
