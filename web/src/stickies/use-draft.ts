import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react'

/**
 * A text field bound to a synced value. Typing is saved after a short pause (and on blur or
 * unmount), so each keystroke does not become a network update. While the field has focus the
 * user's draft wins: a value arriving from someone else is not written into the field under
 * their cursor; it shows once they leave the field, unless their own edit replaced it.
 * `commit` returns false for text it cannot save (a half-typed number); leaving the field then
 * shows the saved value again.
 */
export function useDraft(value: string, commit: (text: string) => boolean, delayMs = 300) {
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)
  const latest = useRef(value)
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const commitRef = useRef(commit)

  useEffect(() => {
    commitRef.current = commit
  }, [commit])

  useEffect(() => {
    latest.current = value
    if (!focused.current) setDraft(value)
  }, [value])

  /** Saves what is waiting; returns it, or null when nothing was saved. */
  const flush = useCallback((): string | null => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    const text = pending.current
    pending.current = null
    return text !== null && commitRef.current(text) ? text : null
  }, [])

  useEffect(() => () => void flush(), [flush])

  return {
    value: draft,
    onChange(event: ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) {
      const text = event.target.value
      setDraft(text)
      pending.current = text
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = setTimeout(flush, delayMs)
    },
    onFocus() {
      focused.current = true
    },
    onBlur() {
      focused.current = false
      setDraft(flush() ?? latest.current)
    },
  }
}
