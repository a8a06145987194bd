/** FNV-1a, 32 bit: a tiny deterministic hash for ids that must not change between exports. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/**
 * Backlog item id derived from its cluster (or pain point) id, so exporting
 * again after more work updates the same items in a tracker instead of
 * creating new ones.
 */
export function backlogItemId(targetId: string): string {
  return `SL-${fnv1a(targetId).toString(36).toUpperCase().padStart(7, '0')}`
}
