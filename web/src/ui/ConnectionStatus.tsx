import { useEffect, useState } from 'react'
import {
  connectionStatusLabel,
  type ConnectionStatus as Status,
} from '../sync/connection-status.ts'

/**
 * While live, most changes are acknowledged by the server within a few hundred milliseconds;
 * saying "Saving…" for each keystroke would make the pill flicker. It says so once changes have
 * been waiting this long. Offline and connecting, the count shows at once.
 */
const liveSavingDelayMs = 800

/** The count to show: while live, non-zero only once it has stayed non-zero for a while. */
function useShownUnsaved(status: Status, unsaved: number): number {
  const [settled, setSettled] = useState(0)
  const waits = status === 'live' && unsaved > 0
  useEffect(() => {
    if (!waits) return
    const timer = setTimeout(() => setSettled(unsaved), liveSavingDelayMs)
    return () => clearTimeout(timer)
  }, [waits, unsaved])
  useEffect(() => {
    if (!waits) setSettled(0)
  }, [waits])
  return waits ? settled : unsaved
}

/** The connection pill; `unsaved` counts this browser's changes the server has not stored yet. */
export function ConnectionStatus({ status, unsaved = 0 }: { status: Status; unsaved?: number }) {
  const label = connectionStatusLabel(status, useShownUnsaved(status, unsaved))
  return (
    <output
      className="connection-status"
      data-testid="connection-status"
      data-status={status}
      data-unsaved={unsaved}
      aria-live="polite"
      title={label}
    >
      <span className="connection-status__dot" aria-hidden="true" />
      <span className="connection-status__label">{label}</span>
    </output>
  )
}
