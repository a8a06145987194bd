import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { newSummonId, type Summon, SummonTracker, summonField } from './summon-tracker.ts'

/** Puts a fresh summon for the facilitator's current view into their awareness state. */
export function summonEveryone(editor: Editor, awareness: Awareness): void {
  const viewport = editor.getViewportPageBounds()
  const summon: Summon = {
    id: newSummonId(awareness.clientID, Date.now()),
    pageId: editor.getCurrentPageId(),
    bounds: { x: viewport.x, y: viewport.y, w: viewport.w, h: viewport.h },
  }
  // A single field: presence.ts owns `user` and `presence` in the same state.
  awareness.setLocalStateField(summonField, summon)
}

/** Shows the summoned page area, whole, whatever this screen's size. */
export function obeySummon(editor: Editor, summon: Summon): void {
  if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
  // The summoner's page may have been deleted meanwhile; then stay on ours.
  const page = editor.getPages().find((candidate) => candidate.id === summon.pageId)
  if (page !== undefined && page.id !== editor.getCurrentPageId()) editor.setCurrentPage(page)
  editor.zoomToBounds(summon.bounds, { inset: 0, animation: { duration: 400 } })
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

function nameOf(state: unknown): string | null {
  const user = (state as { user?: { name?: unknown } } | null | undefined)?.user
  return typeof user?.name === 'string' ? user.name : null
}

/**
 * Watches peers' awareness for new summons. Peers already present are recorded, not obeyed.
 * `onObeyed` lets the UI tell the participant why their view just moved.
 */
export function bindSummons(
  editor: Editor,
  awareness: Awareness,
  onObeyed: (summonerName: string | null) => void = () => {},
): () => void {
  const tracker = new SummonTracker(awareness.clientID)
  for (const [clientId, state] of awareness.getStates()) tracker.observe(clientId, state)

  const onChange = ({ added, updated, removed }: AwarenessChanges): void => {
    const states = awareness.getStates()
    let latest: { summon: Summon; name: string | null } | null = null
    for (const clientId of [...added, ...updated]) {
      const state = states.get(clientId)
      const summon = tracker.observe(clientId, state)
      if (summon !== null) latest = { summon, name: nameOf(state) }
    }
    for (const clientId of removed) tracker.forget(clientId)
    if (latest === null) return
    obeySummon(editor, latest.summon)
    onObeyed(latest.name)
  }
  awareness.on('change', onChange)
  return () => awareness.off('change', onChange)
}
