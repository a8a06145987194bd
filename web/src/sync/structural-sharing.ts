import { isJsonObject, jsonEqual } from '@stormline/shared/sync/json-value'

/**
 * The next version of a record that reuses every part equal to the current version. A record
 * read back from the doc is always a fresh object; handing tldraw a fresh `richText` when only
 * the position changed makes the text editor of the person typing in that sticky reload its
 * content and lose the caret (measured: letters typed during a peer's drag landed in the wrong
 * place). Equal parts keep their identity, so tldraw sees only what really changed; a record
 * equal to the current one is returned as the current one itself.
 */
export function shareUnchanged<T>(current: T, next: T): T {
  if (current === next) return current
  if (Array.isArray(current) && Array.isArray(next)) {
    return jsonEqual(current, next) ? current : next
  }
  if (!isJsonObject(current) || !isJsonObject(next)) return next
  let same = Object.keys(current).length === Object.keys(next).length
  const shared: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(next)) {
    const kept = shareUnchanged(current[key], value)
    if (kept !== current[key]) same = false
    shared[key] = kept
  }
  return (same ? current : shared) as T
}
