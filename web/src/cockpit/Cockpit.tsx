import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { lastStep } from '@stormline/shared/board/session'
import { useRef } from 'react'
import { SharePanel } from '../access/SharePanel.tsx'
import { useSessionMapValue } from '../backlog/use-session-value.ts'
import { VoteControls } from '../backlog/VoteControls.tsx'
import { useBoardUi } from '../board/board-context.ts'
import { SuggestionList } from '../clusters/SuggestionsPanel.tsx'
import { ImageExportSection } from '../export-image/ImageExportSection.tsx'
import { SessionControls } from '../facilitation/FacilitationPanel.tsx'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { useSessionState } from '../facilitation/session-state.ts'
import { HeatmapToggle } from '../heatmap/HeatmapToggle.tsx'
import { HistorySection } from '../history/HistorySection.tsx'
import { StickyImportButton } from '../import/StickyImportDialog.tsx'
import { PeopleSection } from '../presence/PeopleSection.tsx'
import { usePeopleOnBoard } from '../presence/use-people.ts'
import { SilentWriting } from '../silent/SilentWriting.tsx'
import { SilentWritingControls } from '../silent/SilentWritingControls.tsx'
import { useSilentWriting } from '../silent/silent-writing-session.ts'
import { TimelineEditor } from '../timeline/TimelinePanel.tsx'
import { CockpitSection } from './CockpitSection.tsx'
import { type CockpitSectionId, toggleSection, useCockpitLayout } from './cockpit-state.ts'
import { useKeysStayInPanel } from './keys-stay-in-panel.ts'
import './cockpit.css'

/**
 * The cockpit: one drawer on the left edge holding every workshop control, in folding sections
 * that scroll together. It replaces panels that floated over the board and over each other; the
 * board's own UI (tldraw's menus, toolbar, style panel) is laid out beside it, never under it
 * (cockpit.css), and the camera keeps content clear of it (panel-insets.ts).
 */
export function Cockpit() {
  return (
    <>
      {/* Drafts stay bound whether or not the cockpit is folded (silent/). */}
      <SilentWriting />
      <CockpitDrawer />
    </>
  )
}

function CockpitDrawer() {
  const [layout, setLayout] = useCockpitLayout()
  const ref = useRef<HTMLElement>(null)
  // Keyed on the fold: folding swaps the nav element the listener sits on.
  useKeysStayInPanel(ref, layout.folded)
  const role = useBoardRole()
  const facilitator = role === 'facilitator'
  const { connection } = useBoardUi()
  const { step } = useSessionState(connection.doc)
  const vote = readVoteSession(useSessionMapValue(connection.doc, voteSessionKey))
  const writing = useSilentWriting(connection.doc).status === 'writing'
  const section = (id: CockpitSectionId) => ({
    open: layout.open.includes(id),
    onToggle: () => setLayout(toggleSection(layout, id)),
  })

  if (layout.folded) {
    return (
      <nav ref={ref} className="stormline-cockpit" data-folded="true" aria-label="Workshop cockpit">
        <button
          type="button"
          className="stormline-cockpit__fold"
          data-testid="cockpit-fold"
          aria-expanded={false}
          aria-label="Open the workshop cockpit"
          title="Open the workshop cockpit"
          onClick={() => setLayout({ ...layout, folded: false })}
        >
          <span aria-hidden="true">»</span>
          <span className="stormline-cockpit__rail-step">
            {step}/{lastStep}
          </span>
          {/* With the cockpit folded, the rail still says how many people are here. */}
          <span className="stormline-cockpit__rail-step" title="People on the board">
            <PeopleCount />
          </span>
        </button>
      </nav>
    )
  }

  return (
    <nav ref={ref} className="stormline-cockpit" data-folded="false" aria-label="Workshop cockpit">
      <header className="stormline-cockpit__header">
        <h2 className="stormline-cockpit__title">
          {facilitator ? 'Facilitator cockpit' : 'Workshop'}
        </h2>
        <button
          type="button"
          className="stormline-cockpit__fold"
          data-testid="cockpit-fold"
          aria-expanded={true}
          aria-label="Fold the cockpit away"
          title="Fold the cockpit away (more room for the board)"
          onClick={() => setLayout({ ...layout, folded: true })}
        >
          <span aria-hidden="true">«</span>
        </button>
      </header>
      <div className="stormline-cockpit__scroll" data-testid="cockpit">
        <CockpitSection
          title="Session"
          summary={`Step ${step} of ${lastStep}${writing ? ' · silent writing' : ''}`}
          testId="cockpit-session-toggle"
          {...section('session')}
        >
          <SessionControls />
          <SilentWritingControls />
        </CockpitSection>
        <CockpitSection
          title="Dot vote"
          summary={vote.status === 'open' ? 'open' : vote.status === 'closed' ? 'closed' : ''}
          testId="cockpit-vote-toggle"
          {...section('vote')}
        >
          <VoteControls doc={connection.doc} facilitator={facilitator} />
        </CockpitSection>
        <CockpitSection
          title="People"
          summary={<PeopleCount />}
          testId="cockpit-people-toggle"
          {...section('people')}
        >
          <PeopleSection />
        </CockpitSection>
        {facilitator && (
          <>
            <CockpitSection title="Timeline" testId="timeline-edit-toggle" {...section('timeline')}>
              <div className="timeline-panel">
                <TimelineEditor />
              </div>
              <StickyImportButton />
            </CockpitSection>
            <CockpitSection
              title="Cluster suggestions"
              testId="suggestions-toggle"
              {...section('suggestions')}
            >
              <div className="stormline-suggestions">
                <SuggestionList />
              </div>
            </CockpitSection>
          </>
        )}
        <CockpitSection title="View and export" testId="cockpit-view-toggle" {...section('view')}>
          <HeatmapToggle />
          <ImageExportSection />
        </CockpitSection>
        {/* Everyone can look back; saving and restoring follow the role (history/). */}
        <CockpitSection title="History" testId="history-toggle" {...section('history')}>
          <HistorySection />
        </CockpitSection>
        {facilitator && (
          <CockpitSection title="Share and board" testId="share-toggle" {...section('share')}>
            <SharePanel onClose={() => setLayout(toggleSection(layout, 'share'))} />
          </CockpitSection>
        )}
      </div>
    </nav>
  )
}

/** How many people are on the board, for a folded section or the rail. */
function PeopleCount() {
  const { count } = usePeopleOnBoard()
  return <span data-testid="cockpit-people-count">{count}</span>
}
