import {
  type Atom,
  atom,
  computed,
  createTLCurrentUser,
  createUserId,
  type Signal,
  type TLCurrentUser,
  type TLUser,
  type TLUserPreferences,
  UserRecordType,
  useValue,
} from 'tldraw'
import { boardColour } from '../presence/own-colour.ts'
import {
  type KeyValueStorage,
  loadParticipant,
  type Participant,
  participantStorageKey,
  renameParticipant,
} from './identity.ts'

/**
 * The browser's participant, as a signal: the board connection, tldraw and React components
 * all follow the same value, and a rename in another tab reaches this one via the storage event.
 */

const preferencesStorageKey = 'stormline.preferences'
export const anonymousName = 'Anonymous'

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage
  } catch {
    // Access can throw when storage is disabled; the participant then lasts one page load.
    return null
  }
}

let $participant: Atom<Participant> | null = null
let $shown: Signal<Participant> | null = null

/**
 * The member id the server knows this browser as on the open board (ADR 0013), or null with no
 * board open. While set it is the participant's id: tldraw's user id, presence, authorship of
 * new stickies and the dots are all this person's on the server's terms, not a browser's claim.
 * The display name stays per browser.
 */
const $boardMemberId: Atom<string | null> = atom('board member id', null)

/** The board page sets this before it connects, and clears it when it closes. */
export function setBoardMemberId(memberId: string | null): void {
  $boardMemberId.set(memberId)
}

function participantAtom(): Atom<Participant> {
  if ($participant === null) {
    const created = atom<Participant>('participant', loadParticipant(browserStorage()))
    window.addEventListener('storage', (event) => {
      if (event.key === participantStorageKey) created.set(loadParticipant(browserStorage()))
    })
    $participant = created
  }
  return $participant
}

/** The participant as others see them: in the colour picked on the open board, if any. */
function shownParticipant(): Signal<Participant> {
  if ($shown === null) {
    const $p = participantAtom()
    $shown = computed('stormline shown participant', () => {
      const stored = $p.get()
      const memberId = $boardMemberId.get()
      const participant = memberId === null ? stored : { ...stored, id: memberId }
      const colour = boardColour.get()
      return colour === null || colour === participant.color
        ? participant
        : { ...participant, color: colour }
    })
  }
  return $shown
}

export function participantSignal(): Signal<Participant> {
  return shownParticipant()
}

export function renameCurrentParticipant(name: string): void {
  const $p = participantAtom()
  $p.set(renameParticipant(browserStorage(), $p.get(), name))
}

export function useParticipant(): Participant {
  return useValue(shownParticipant())
}

/** The participant as a tldraw user record: attribution of edits and the presence label. */
export function tldrawUserSignal(): Signal<TLUser | null> {
  const $p = shownParticipant()
  return computed('stormline tldraw user', () => {
    const { id, name, color } = $p.get()
    return UserRecordType.create({ id: createUserId(id), name: name ?? anonymousName, color })
  })
}

type StoredPreferences = Omit<TLUserPreferences, 'id' | 'name' | 'color'>

function loadPreferences(): StoredPreferences {
  try {
    const value: unknown = JSON.parse(browserStorage()?.getItem(preferencesStorageKey) ?? '{}')
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
    const { id: _id, name: _name, color: _color, ...rest } = value as TLUserPreferences
    return rest
  } catch {
    return {}
  }
}

/**
 * tldraw's user preferences (dark mode, snapping, ...) with identity fields pinned to the
 * participant: colour comes from the board (or the id before one is open), and a name typed into tldraw's own UI is treated
 * like a rename from our badge.
 */
export function createCurrentUser(): TLCurrentUser {
  const $p = shownParticipant()
  const $preferences = atom<StoredPreferences>('tldraw preferences', loadPreferences())
  return createTLCurrentUser({
    userPreferences: computed('stormline user preferences', () => {
      const { id, name, color } = $p.get()
      return { ...$preferences.get(), id, name: name ?? anonymousName, color }
    }),
    setUserPreferences: ({ id: _id, name, color: _color, ...rest }) => {
      $preferences.set(rest)
      try {
        browserStorage()?.setItem(preferencesStorageKey, JSON.stringify(rest))
      } catch {
        // Preferences are a convenience; failing to keep them is fine.
      }
      if (typeof name === 'string' && name !== anonymousName) renameCurrentParticipant(name)
    },
  })
}
