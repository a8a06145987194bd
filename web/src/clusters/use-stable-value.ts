import { useRef } from 'react'

/**
 * The same object as last render while its JSON is unchanged, so a memo keyed on it reruns only
 * when the content really changes (board maps are re-read as new objects on every doc update).
 */
export function useStableValue<T>(value: T): T {
  const ref = useRef<{ json: string; value: T } | null>(null)
  const json = JSON.stringify(value)
  if (ref.current === null || ref.current.json !== json) ref.current = { json, value }
  return ref.current.value
}
