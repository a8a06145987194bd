import type { BoardRole } from '@stormline/shared/access/roles'
import { type CSSProperties, useState } from 'react'
import { type TLUserId, useEditor } from 'tldraw'
import { grantCoFacilitator } from '../api/client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { grantAction, idleLabel, type PeopleOnBoard, type Person } from './people-list.ts'
import { useFollowing, usePeopleOnBoard } from './use-people.ts'
import './people.css'

/**
 * The cockpit's People section: everyone connected to the board, idle people included (shown as
 * idle, never dropped), each in the colour their cursor has; how many are here; and which
 * participants have not put a sticky on the board yet (only how many, on an anonymous board,
 * and only to the facilitator). The facilitator makes a participant a co-facilitator here, and
 * takes it back. It replaces tldraw's people menu, which hid anyone who had not moved for a
 * minute.
 */
export function PeopleSection() {
  const board = usePeopleOnBoard({ withCounts: true })
  const following = useFollowing()
  const role = useBoardRole()
  const notAdded = notAddedText(board)
  return (
    <div className="people-section" data-testid="people-section">
      <p className="people-section__count" data-testid="people-count">
        {countText(board)}
      </p>
      {notAdded !== null && (
        <p className="people-section__not-added" data-testid="people-not-added">
          {notAdded}
        </p>
      )}
      <ul className="people-section__list" aria-label="People on the board">
        {board.people.map((person) => (
          <PersonRow
            key={person.memberId ?? person.userId}
            person={person}
            following={following === person.userId}
            viewerRole={role}
          />
        ))}
      </ul>
    </div>
  )
}

function countText({ count, viewers }: PeopleOnBoard): string {
  const people = count === 1 ? '1 person on the board' : `${count} people on the board`
  if (viewers === 0) return people
  return `${people} · ${viewers === 1 ? '1 viewer' : `${viewers} viewers`}`
}

/** Null: this page may not know (a participant on an anonymous board, or counts loading). */
function notAddedText({ notAdded, people }: PeopleOnBoard): string | null {
  if (notAdded.names === null) {
    // An anonymous board: the server's count of everyone here without a sticky.
    if (notAdded.count === null) return null
    if (notAdded.count === 0) return 'Everyone here has added a sticky'
    return notAdded.count === 1
      ? '1 person here has not added a sticky yet'
      : `${notAdded.count} people here have not added a sticky yet`
  }
  if (!people.some((p) => p.role === 'participant')) return 'No participants yet'
  if (notAdded.count === 0) return 'Every participant has added a sticky'
  return `No sticky yet from ${notAdded.names.join(', ')}`
}

function roleText(person: Person): string | null {
  const role = person.coFacilitator
    ? 'co-facilitator'
    : person.role === 'facilitator'
      ? 'facilitator'
      : person.role === 'viewer'
        ? 'viewer'
        : null
  if (person.isSelf) return role === null ? 'you' : `you, ${role}`
  return role
}

function PersonRow({
  person,
  following,
  viewerRole,
}: {
  person: Person
  following: boolean
  viewerRole: BoardRole
}) {
  const editor = useEditor()
  const idle = person.idleForMs !== null
  const role = roleText(person)
  const status = person.isSelf ? null : idle ? idleLabel(person.idleForMs ?? 0) : 'active'
  const action = grantAction(person, viewerRole)
  return (
    <li
      className="people-section__person"
      data-testid="person-row"
      data-idle={idle ? 'true' : 'false'}
      data-color={person.colour}
      data-role={person.role}
      data-co-facilitator={person.coFacilitator ? 'true' : 'false'}
      data-member-id={person.memberId ?? undefined}
      data-self={person.isSelf ? 'true' : 'false'}
      style={{ '--stormline-person': person.colour } as CSSProperties}
    >
      <span className="people-section__avatar" aria-hidden="true">
        {initialOf(person.name)}
      </span>
      <span className="people-section__who">
        <span className="people-section__name" title={person.name}>
          {person.name}
        </span>
        <span className="people-section__meta">
          {[role, status].filter((part) => part !== null).join(' · ')}
        </span>
        {action !== null && person.memberId !== null && (
          <GrantButton memberId={person.memberId} name={person.name} action={action} />
        )}
      </span>
      {!person.isSelf && (
        <button
          type="button"
          className="people-section__follow"
          data-following={following ? 'true' : 'false'}
          aria-label={following ? `Stop following ${person.name}` : `Follow ${person.name}`}
          title={following ? 'Stop following' : `See what ${person.name} sees`}
          onClick={() => {
            if (following) editor.stopFollowingUser()
            else editor.startFollowingUser(person.userId as TLUserId)
          }}
        >
          {following ? 'Stop' : 'Follow'}
        </button>
      )}
    </li>
  )
}

/**
 * Makes a participant a co-facilitator, or takes it back. The row changes once the server has
 * switched their sockets (their presence then carries the new role); until then the button
 * waits, and says so if the server refused.
 */
function GrantButton({
  memberId,
  name,
  action,
}: {
  memberId: string
  name: string
  action: 'promote' | 'demote'
}) {
  const { board } = useBoardUi()
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle')
  const coFacilitator = action === 'promote'
  const label = coFacilitator ? 'Make co-facilitator' : 'Remove co-facilitator'
  const grant = async (): Promise<void> => {
    setState('busy')
    try {
      await grantCoFacilitator(board.id, memberId, coFacilitator)
      setState('idle')
    } catch {
      setState('failed')
    }
  }
  return (
    <span className="people-section__grant-line">
      <button
        type="button"
        className="people-section__grant"
        data-testid={coFacilitator ? 'make-co-facilitator' : 'remove-co-facilitator'}
        aria-label={`${label}: ${name}`}
        title={
          coFacilitator
            ? `${name} can then run the workshop with you: votes, steps, timer, settings`
            : `${name} goes back to taking part`
        }
        disabled={state === 'busy'}
        onClick={() => void grant()}
      >
        {label}
      </button>
      {state === 'failed' && (
        <span className="people-section__grant-error" role="status">
          Did not work; try again.
        </span>
      )}
    </span>
  )
}

/** The first letter of a name (a whole emoji or accented letter, not half of one). */
function initialOf(name: string): string {
  const [first] = Array.from(name)
  return first === undefined ? '?' : first.toLocaleUpperCase()
}
