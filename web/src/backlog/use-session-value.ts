import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** One key of the session map, following local and remote changes. */
export function useSessionMapValue(doc: Y.Doc, key: string): unknown {
  const [value, setValue] = useState<unknown>(() => doc.getMap(docLayout.session).get(key))
  useEffect(() => {
    const map = doc.getMap<unknown>(docLayout.session)
    const refresh = (): void => setValue(map.get(key))
    map.observe(refresh)
    refresh()
    return () => map.unobserve(refresh)
  }, [doc, key])
  return value
}
