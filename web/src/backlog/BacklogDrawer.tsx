import { readAssessment } from '@stormline/shared/backlog/estimates'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { useKeysStayInPanel } from '../cockpit/keys-stay-in-panel.ts'
import { coveredEdges } from '../cockpit/panel-insets.ts'
import { updateAssessment, updateMyBallot } from './assessment-store.ts'
import { BacklogDownloads } from './BacklogDownloads.tsx'
import { BacklogItemRow } from './BacklogItemRow.tsx'
import { useDrawerOpen } from './drawer-open-state.ts'
import { focusOnStickies } from './focus-board.ts'
import { pokerView } from './poker-view.ts'
import { SinglePainPointList } from './SinglePainPointList.tsx'
import { unrankedPainPoints } from './single-pain-points.ts'
import { useBacklogState } from './use-backlog-state.ts'
import { useCastVote, useVoteSession } from './use-vote-sources.ts'
import { votersText } from './vote-view.ts'
import './backlog.css'

/**
 * The live backlog, in a drawer on the right edge. It opens over tldraw's right-hand panels
 * (legend, style, sticky details) rather than squeezing them, and closes back to a tab.
 */
export function BacklogDrawer() {
  const [open, setOpen] = useDrawerOpen()
  const { doc } = useBoardUi().connection
  // Participants vote in the drawer, so an open vote shows on the closed tab too.
  const voting = useVoteSession(doc).status === 'open'
  const ref = useRef<HTMLDivElement>(null)
  useKeysStayInPanel(ref)
  return (
    <div ref={ref} className="stormline-backlog-drawer" data-open={open}>
      <button
        type="button"
        className="stormline-backlog-toggle"
        aria-expanded={open}
        aria-controls="stormline-backlog-panel"
        onClick={() => setOpen(!open)}
        data-testid="backlog-toggle"
      >
        Backlog
        {voting && <span className="stormline-backlog-toggle__vote">vote open</span>}
      </button>
      {open && <BacklogPanel onClose={() => setOpen(false)} />}
    </div>
  )
}

function BacklogPanel({ onClose }: { onClose(): void }) {
  const editor = useEditor()
  const { connection, privateConnection, board: meta } = useBoardUi()
  const { doc, boardId } = connection
  const boardName = meta.name
  const board = useMemo(() => ({ id: boardId, name: boardName }), [boardId, boardName])
  const { maps, backlog, votes, myBallots, tally, facilitator, canEdit, anonymous, me } =
    useBacklogState(doc, board)
  const castVote = useCastVote(doc)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const [message, setMessage] = useState<string | null>(null)

  // The backlog's unranked pain points: votable while a vote is open, "Not voted yet" otherwise,
  // and exactly what the exports list.
  const singles = useMemo(() => unrankedPainPoints(backlog), [backlog])

  const vote = useCallback(
    (targetId: string, delta: 1 | -1) => {
      const result = castVote(targetId, delta)
      setMessage(result.ok ? null : result.reason)
    },
    [castVote],
  )
  const focus = useCallback(
    (stickyIds: readonly string[]) => {
      if (!focusOnStickies(editor, stickyIds, coveredEdges(editor))) {
        setMessage('Those pain points are no longer on the board.')
      }
    },
    [editor],
  )
  // A rejection explains the click just made; it goes once the vote moves on, or after a while.
  // biome-ignore lint/correctness/useExhaustiveDependencies: clearing is the point of the change
  useEffect(() => setMessage(null), [votes.status])
  useEffect(() => {
    if (message === null) return
    const timeout = setTimeout(() => setMessage(null), 6000)
    return () => clearTimeout(timeout)
  }, [message])

  const toggle = (targetId: string): void =>
    setExpanded((current) => {
      const next = new Set(current)
      if (!next.delete(targetId)) next.add(targetId)
      return next
    })

  return (
    <section
      id="stormline-backlog-panel"
      className="stormline-backlog"
      aria-label="Backlog"
      data-testid="backlog-panel"
    >
      <header className="stormline-backlog__header">
        <h2>Backlog</h2>
        {votes.status === 'open' && (
          <span className="stormline-backlog__remaining" data-testid="dots-remaining">
            {votes.remaining} of {votes.budget} dots left
          </span>
        )}
        <button
          type="button"
          className="stormline-backlog__close"
          onClick={onClose}
          aria-label="Close the backlog"
        >
          ×
        </button>
      </header>
      {message !== null && (
        <p className="stormline-backlog__message" role="status" data-testid="vote-message">
          {message}
        </p>
      )}
      {votes.status === 'open' && (
        <p className="stormline-backlog__hint">
          {facilitator
            ? 'Vote open: you see everyone’s counts; participants see only their own dots.'
            : canEdit
              ? 'Vote open: your dots are yours alone until the facilitator closes the vote.'
              : 'Vote open: the totals show once the facilitator closes the vote.'}{' '}
          Votes count in the ranking once it closes.
        </p>
      )}
      {votersText(votes) !== null && (
        <p className="stormline-backlog__hint" data-testid="vote-voters">
          {votersText(votes)}
        </p>
      )}
      <div className="stormline-backlog__body">
        {backlog.items.length === 0 ? (
          <p className="stormline-backlog__empty" data-testid="backlog-empty">
            No backlog items yet. Group pain points into clusters, or vote for single pain points,
            to build the backlog.
          </p>
        ) : (
          <ol className="stormline-backlog__list">
            {backlog.items.map((item) => (
              <BacklogItemRow
                key={item.targetId}
                item={item}
                rawAssessment={maps.assessments[item.targetId]}
                poker={pokerView(
                  { shared: maps.ballots, mine: myBallots, tally },
                  item.targetId,
                  readAssessment(maps.assessments[item.targetId])?.revealed ?? false,
                )}
                votes={votes}
                facilitator={facilitator}
                canEdit={canEdit}
                anonymous={anonymous}
                expanded={expanded.has(item.targetId)}
                onToggle={() => toggle(item.targetId)}
                onFocus={() => focus(item.evidence.map((e) => e.stickyId))}
                onVote={vote}
                onAssess={(patch) => updateAssessment(doc, item.targetId, patch)}
                onBallot={(patch) =>
                  updateMyBallot(privateConnection.doc, me.name, item.targetId, patch)
                }
              />
            ))}
          </ol>
        )}
        <SinglePainPointList
          painPoints={singles}
          votes={votes}
          canVote={canEdit}
          anonymous={anonymous}
          onVote={vote}
          onFocus={(id) => focus([id])}
        />
      </div>
      <BacklogDownloads boardId={boardId} boardName={boardName} />
    </section>
  )
}
