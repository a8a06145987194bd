import type { BoardRole } from '@stormline/shared/access/roles'
import { useState } from 'react'
import { ApiError, rotateLinks } from '../api/client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { BoardSettings } from './BoardSettings.tsx'
import { CopyLink } from './CopyLink.tsx'
import { useSavedLinks } from './use-saved-links.ts'
import './access.css'

const shared: { role: BoardRole; label: string; hint: string }[] = [
  {
    role: 'participant',
    label: 'Participants',
    hint: 'Can add, move and edit stickies, and vote.',
  },
  { role: 'viewer', label: 'Viewers', hint: 'See the board live; cannot change anything.' },
]

/**
 * The facilitator's links and board settings, opened from the top panel. The links come from
 * this browser's storage (the server keeps only hashes); when they are missing here, renewing
 * them is the way to get links to hand out.
 */
export function SharePanel({ onClose }: { onClose(): void }) {
  const { connection } = useBoardUi()
  const { boardId } = connection
  const [links, saveFresh] = useSavedLinks(boardId)
  const [confirming, setConfirming] = useState<readonly BoardRole[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  async function rotate(roles: readonly BoardRole[]): Promise<void> {
    setBusy(true)
    setMessage(null)
    try {
      const rotated = await rotateLinks(boardId, roles)
      saveFresh(rotated.links)
      if (roles.includes('facilitator')) {
        // The server closes sockets of the old token, this page's too, and has already put the
        // new token in this browser's cookie: reopening the board carries on with it.
        window.location.reload()
        return
      }
      setConfirming(null)
      setMessage('New links are ready. The old ones no longer open the board.')
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Could not reach the server.')
    } finally {
      setBusy(false)
    }
  }

  const unknown = shared.some(({ role }) => links[role] === undefined)
  return (
    <section className="stormline-share" aria-label="Share and settings" data-testid="share-panel">
      <header className="stormline-share__header">
        <h2>Share this board</h2>
        <button
          type="button"
          className="stormline-share__close"
          onClick={onClose}
          aria-label="Close"
        >
          ×
        </button>
      </header>
      {shared.map(({ role, label, hint }) => (
        <CopyLink key={role} boardRole={role} label={label} hint={hint} link={links[role]} />
      ))}
      <CopyLink
        boardRole="facilitator"
        label="Your facilitator link"
        hint="Keep it private: whoever has it runs the workshop."
        link={links.facilitator}
      />
      {unknown && confirming === null && (
        <p className="stormline-share__hint" data-testid="share-links-unknown">
          This browser does not know the participant and viewer links (they are shown only where the
          board was created or the links last renewed). Renew them to get links to share.
        </p>
      )}
      {confirming === null ? (
        <div className="stormline-share__actions">
          <button
            type="button"
            className="stormline-button"
            data-testid="share-rotate"
            onClick={() => setConfirming(['participant', 'viewer'])}
          >
            Renew participant and viewer links
          </button>
          {links.facilitator === undefined && (
            <button
              type="button"
              className="stormline-button"
              data-testid="share-rotate-facilitator"
              onClick={() => setConfirming(['facilitator'])}
            >
              Renew my facilitator link
            </button>
          )}
        </div>
      ) : (
        <div className="stormline-share__confirm" role="alertdialog" aria-label="Renew links">
          <p>
            {confirming.includes('facilitator')
              ? 'Your current facilitator link stops working at once, everywhere; this browser stays in.'
              : 'The current participant and viewer links stop working at once. Everyone connected with them is disconnected and needs a new link from you.'}
          </p>
          <div className="stormline-share__actions">
            <button
              type="button"
              className="stormline-button stormline-button--primary"
              data-testid="share-rotate-confirm"
              disabled={busy}
              onClick={() => void rotate(confirming)}
            >
              Renew links
            </button>
            <button
              type="button"
              className="stormline-button"
              disabled={busy}
              onClick={() => setConfirming(null)}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {message !== null && (
        <p className="stormline-share__message" role="status" data-testid="share-message">
          {message}
        </p>
      )}
      <BoardSettings />
    </section>
  )
}
