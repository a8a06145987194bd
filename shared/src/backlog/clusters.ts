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

/** Reads one stored cluster defensively; null when it is not usable at all. */
export function readCluster(value: unknown): ClusterRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || !Array.isArray(v.memberIds)) return null
  const memberIds = [...new Set(v.memberIds.filter((m): m is string => typeof m === 'string'))]
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
