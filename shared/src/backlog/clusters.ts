/**
 * Clusters group pain points by membership only: stickies stay where they are
 * on the timeline (their position carries their phase), and a cluster lists
 * their ids. Stored in the Y.Doc's `clusters` map (docLayout.clusters).
 */
export interface ClusterRecord {
  id: string
  name: string
  /** Ids of pain-point stickies (tldraw note shape ids). */
  memberIds: string[]
  /** ISO 8601. */
  createdAt: string
  createdBy: string
  /** Accepted from a suggestion (its key) or made by hand. */
  source: 'manual' | 'suggestion'
  suggestionKey?: string
}

export const clusterIdPrefix = 'cluster:'

/**
 * Members as layout v2 stores them (cluster-layout.ts): an object of sticky id → order, read
 * in that order (ties by id, so every reader agrees).
 */
function memberIdsOf(members: unknown): string[] | null {
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return null
  return Object.entries(members as Record<string, unknown>)
    .map(([id, order]) => [id, typeof order === 'number' ? order : 0] as const)
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id]) => id)
}

/** Reads one stored cluster (layout v1 or v2) defensively; null when it is not usable at all. */
export function readCluster(value: unknown): ClusterRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string') return null
  const listed = Array.isArray(v.memberIds) ? v.memberIds : memberIdsOf(v.members)
  if (listed === null) return null
  const memberIds = [...new Set(listed.filter((m): m is string => typeof m === 'string'))]
  return {
    id: v.id,
    name: typeof v.name === 'string' && v.name.trim() !== '' ? v.name.trim() : 'Untitled cluster',
    memberIds,
    createdAt: typeof v.createdAt === 'string' ? v.createdAt : '',
    createdBy: typeof v.createdBy === 'string' ? v.createdBy : '',
    source: v.source === 'suggestion' ? 'suggestion' : 'manual',
    ...(typeof v.suggestionKey === 'string' ? { suggestionKey: v.suggestionKey } : {}),
  }
}

/**
 * The clusters as everyone sees them: stored records read defensively, in id
 * order, members that are not (or no longer) pain points dropped, and a sticky
 * claimed twice by concurrent edits kept in the first cluster by id only. The
 * canvas and the backlog both use this, so they agree on membership.
 */
export function visibleClusters(
  raw: Readonly<Record<string, unknown>>,
  isPainPoint: (id: string) => boolean,
): ClusterRecord[] {
  const claimed = new Set<string>()
  const clusters: ClusterRecord[] = []
  const records = Object.values(raw)
    .flatMap((value) => readCluster(value) ?? [])
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const cluster of records) {
    const memberIds = cluster.memberIds.filter((id) => isPainPoint(id) && !claimed.has(id))
    for (const id of memberIds) claimed.add(id)
    if (memberIds.length > 0) clusters.push({ ...cluster, memberIds })
  }
  return clusters
}
