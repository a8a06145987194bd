import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import type { BoardMarks, ClusterMark, Rect, StickyMark } from './clusters-svg.ts'

/** Page units between the members and the outline, as ClusterOutlines draws it on the canvas. */
export const outlinePadding = 30

/** A shape of the export, as far as the marks are concerned. */
export interface ExportedShape {
  id: string
  /** Page bounds. */
  box: Rect
  pain: boolean
  deepDive: boolean
}

export interface MarksInput {
  /** The board's visible clusters (cluster-view.ts), in their order. */
  clusters: readonly ClusterRecord[]
  /** The shapes being exported (for a selection: only those). */
  shapes: readonly ExportedShape[]
  /**
   * Dots per target of a closed vote; null while a vote is open (nobody's dots may show, not
   * even in a picture of the board) or when no vote was held.
   */
  voteTotals: ReadonlyMap<string, number> | null
}

function around(boxes: readonly Rect[], padding: number): Rect | null {
  if (boxes.length === 0) return null
  const minX = Math.min(...boxes.map((b) => b.x))
  const minY = Math.min(...boxes.map((b) => b.y))
  const maxX = Math.max(...boxes.map((b) => b.x + b.w))
  const maxY = Math.max(...boxes.map((b) => b.y + b.h))
  return {
    x: minX - padding,
    y: minY - padding,
    w: maxX - minX + 2 * padding,
    h: maxY - minY + 2 * padding,
  }
}

/**
 * What the image shows beyond tldraw's shapes: each cluster with a member in the export,
 * outlined around those members, with its name and (after a closed vote) its dots; a deep-dive
 * badge on flagged stickies; the dots of a voted pain point in no cluster.
 */
export function boardMarks({ clusters, shapes, voteTotals }: MarksInput): BoardMarks {
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const clustered = new Set<string>()
  const clusterMarks = clusters.flatMap((cluster): ClusterMark[] => {
    const members = cluster.memberIds.flatMap((id) => byId.get(id) ?? [])
    for (const m of members) clustered.add(m.id)
    const outline = around(
      members.map((m) => m.box),
      outlinePadding,
    )
    if (outline === null) return []
    return [
      {
        id: cluster.id,
        name: cluster.name,
        outline,
        votes: voteTotals === null ? null : (voteTotals.get(cluster.id) ?? 0),
      },
    ]
  })
  const stickyMarks = shapes.flatMap((shape): StickyMark[] => {
    const votes =
      voteTotals !== null && shape.pain && !clustered.has(shape.id)
        ? (voteTotals.get(shape.id) ?? 0)
        : 0
    if (!shape.deepDive && votes === 0) return []
    return [{ box: shape.box, deepDive: shape.deepDive, votes: votes > 0 ? votes : null }]
  })
  return { clusters: clusterMarks, stickies: stickyMarks }
}
