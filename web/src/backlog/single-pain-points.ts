import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { readCluster } from '@stormline/shared/backlog/clusters'
import { readBoard } from '@stormline/shared/board/read-board'

/**
 * Pain points that belong to no cluster and are not (yet) backlog items. During a vote they can
 * get dots; after it, those without any stay listed unranked ("Not voted yet"), as in the exports.
 */

export interface SinglePainPoint {
  id: string
  text: string
  authorName: string | null
  phaseName: string | null
  needsDeepDive: boolean
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
    .map((s) => ({
      id: s.id,
      text: s.text,
      authorName: s.authorName,
      phaseName: s.phaseName,
      needsDeepDive: s.needsDeepDive,
    }))
}

/**
 * The backlog's unranked pain points, as the drawer lists them: the very list the exports write
 * under "Not voted yet", so the panel and the files agree.
 */
export function unrankedPainPoints(backlog: Backlog): SinglePainPoint[] {
  return backlog.unranked.map(({ targetId, evidence }) => ({
    id: targetId,
    text: evidence.text,
    authorName: evidence.authorName,
    phaseName: evidence.phaseName,
    needsDeepDive: evidence.needsDeepDive,
  }))
}
