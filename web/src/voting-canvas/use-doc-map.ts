import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** One top-level map of the board's Y.Doc as JSON, following local and remote changes. */
export function useDocMapJson(doc: Y.Doc, name: string): Record<string, unknown> {
  const [value, setValue] = useState<Record<string, unknown>>(() => doc.getMap(name).toJSON())
  useEffect(() => {
    const map = doc.getMap<unknown>(name)
    const refresh = (): void => setValue(map.toJSON())
    // Deep: an entry may be a nested map in a later layout; a plain entry is replaced whole.
    map.observeDeep(refresh)
    refresh()
    return () => map.unobserveDeep(refresh)
  }, [doc, name])
  return value
}
