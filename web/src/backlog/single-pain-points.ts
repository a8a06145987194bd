import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { readCluster } from '@stormline/shared/backlog/clusters'
import { readBoard } from '@stormline/shared/board/read-board'

/**
 * Pain points that belong to no cluster and are not (yet) backlog items, so they can still get
 * dots during a vote. After the vote closes, those with dots become backlog items themselves.
 */

export interface SinglePainPoint {
  id: string
  text: string
  authorName: string | null
  phaseName: string | null
}

export function singlePainPoints(
  maps: BoardMapsJson,
  backlogTargets: ReadonlySet<string>,
): SinglePainPoint[] {
  const clustered = new Set(
    Object.values(maps.clusters).flatMap((value) => readCluster(value)?.memberIds ?? []),
  )
  return readBoard(maps.records, maps.session)
    .stickies.filter((s) => s.kind === 'pain' && !clustered.has(s.id) && !backlogTargets.has(s.id))
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || (a.id < b.id ? -1 : 1))
    .map((s) => ({ id: s.id, text: s.text, authorName: s.authorName, phaseName: s.phaseName }))
}
