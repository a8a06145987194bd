import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import { useEffect, useMemo } from 'react'
import {
  atom,
  createUserId,
  type Editor,
  type TLStore,
  type TLUserId,
  useComputed,
  useEditor,
  useValue,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { useTally } from '../backlog/use-tally.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useAnonymous } from '../board/use-anonymous.ts'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { anonymousName, useParticipant } from '../participant/participant-store.ts'
import { usePrivateMember } from '../private/use-private-doc.ts'
import { presenceIdForClient } from '../sync/presence.ts'
import {
  type PeerSighting,
  type PeopleOnBoard,
  peopleOnBoard,
  readAwarenessPeer,
} from './people-list.ts'
import { useNow } from './use-now.ts'

/** How often idle times are re-read: "idle 2 min" needs no finer steps. */
const tickMs = 10_000

function sameJson<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Everyone connected, with when this page last saw them active. Awareness changes with every
 * cursor move on the board; the list re-renders only when what it shows changes.
 */
function usePeerSightings(awareness: Awareness, store: TLStore): PeerSighting[] {
  const $changes = useMemo(() => atom('awareness changes', 0), [])
  useEffect(() => {
    const bump = (): void => {
      $changes.update((n) => n + 1)
    }
    awareness.on('change', bump)
    return () => awareness.off('change', bump)
  }, [awareness, $changes])
  const $peers = useComputed(
    'people on the board',
    () => {
      $changes.get()
      const peers: PeerSighting[] = []
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue
        const peer = readAwarenessPeer(clientId, state)
        if (peer === null) continue
        // Re-stamped with this page's clock by the presence binding (sync/presence.ts).
        const record = store.get(presenceIdForClient(clientId))
        peers.push({ ...peer, lastActiveAt: record?.lastActivityTimestamp ?? null })
      }
      return peers.sort((a, b) => a.clientId - b.clientId)
    },
    { isEqual: sameJson },
    [awareness, store, $changes],
  )
  return useValue($peers)
}

/** Member ids of whoever wrote the board's stickies (none on an anonymous board). */
function useStickyAuthors(editor: Editor): ReadonlySet<string> {
  const $notes = useMemo(
    () => editor.store.query.records('shape', () => ({ type: { eq: 'note' } })),
    [editor],
  )
  const $authors = useComputed(
    'sticky authors',
    () => {
      const ids = new Set<string>()
      for (const note of $notes.get()) {
        const authorId = readStickyMeta(note.meta)?.authorId
        if (authorId) ids.add(authorId)
      }
      return [...ids].sort()
    },
    { isEqual: sameJson },
    [$notes],
  )
  const authors = useValue($authors)
  return useMemo(() => new Set(authors), [authors])
}

/**
 * The People section's model: who is on the board, who is idle, who has not added anything.
 * `withCounts`: on an anonymous board the facilitator's count of people without a sticky comes
 * from the server (polled while asked for), since stickies there carry no author.
 */
export function usePeopleOnBoard({ withCounts = false } = {}): PeopleOnBoard {
  const editor = useEditor()
  const { connection } = useBoardUi()
  const awareness = connection.provider.awareness
  const participant = useParticipant()
  const member = usePrivateMember()
  const role = useBoardRole()
  const anonymous = useAnonymous()
  const peers = usePeerSightings(awareness, connection.store)
  const authorIds = useStickyAuthors(editor)
  const tally = useTally(withCounts && anonymous && role === 'facilitator')
  const presentWithoutStickies = tally?.presentWithoutStickies ?? null
  const now = useNow(tickMs)
  return useMemo(
    () =>
      peopleOnBoard({
        self: {
          clientId: awareness.clientID,
          userId: createUserId(participant.id),
          memberId: member?.memberId ?? participant.id,
          coFacilitator: member?.coFacilitator ?? false,
          name: participant.name ?? anonymousName,
          colour: participant.color,
          role,
        },
        peers,
        authorIds,
        anonymous,
        presentWithoutStickies,
        now,
      }),
    [
      awareness,
      participant,
      member,
      role,
      peers,
      authorIds,
      anonymous,
      presentWithoutStickies,
      now,
    ],
  )
}

/** Who this page follows (tldraw's follow mode), to show on that person's row. */
export function useFollowing(): TLUserId | null {
  const editor = useEditor()
  return useValue('following', () => editor.getInstanceState().followingUserId, [editor])
}
