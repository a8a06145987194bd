import type { CSSProperties } from 'react'
import { type TLUserId, useEditor } from 'tldraw'
import { idleLabel, type PeopleOnBoard, type Person } from './people-list.ts'
import { useFollowing, usePeopleOnBoard } from './use-people.ts'
import './people.css'

/**
 * The cockpit's People section: everyone connected to the board, idle people included (shown as
 * idle, never dropped), each in the colour their cursor has; how many are here; and which
 * participants have not put a sticky on the board yet (only how many, on an anonymous board).
 * It replaces tldraw's people menu, which hid anyone who had not moved for a minute.
 */
export function PeopleSection() {
  const board = usePeopleOnBoard()
  const following = useFollowing()
  return (
    <div className="people-section" data-testid="people-section">
      <p className="people-section__count" data-testid="people-count">
        {countText(board)}
      </p>
      <p className="people-section__not-added" data-testid="people-not-added">
        {notAddedText(board)}
      </p>
      <ul className="people-section__list" aria-label="People on the board">
        {board.people.map((person) => (
          <PersonRow key={person.userId} person={person} following={following === person.userId} />
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

function notAddedText({ notAdded, people }: PeopleOnBoard): string {
  if (!people.some((p) => p.role === 'participant')) return 'No participants yet'
  if (notAdded.count === 0) return 'Every participant has added a sticky'
  if (notAdded.names === null) {
    return notAdded.count === 1
      ? '1 participant has not added a sticky yet'
      : `${notAdded.count} participants have not added a sticky yet`
  }
  return `No sticky yet from ${notAdded.names.join(', ')}`
}

function roleText(person: Person): string | null {
  const role =
    person.role === 'facilitator' ? 'facilitator' : person.role === 'viewer' ? 'viewer' : null
  if (person.isSelf) return role === null ? 'you' : `you, ${role}`
  return role
}

function PersonRow({ person, following }: { person: Person; following: boolean }) {
  const editor = useEditor()
  const idle = person.idleForMs !== null
  const role = roleText(person)
  const status = person.isSelf ? null : idle ? idleLabel(person.idleForMs ?? 0) : 'active'
  return (
    <li
      className="people-section__person"
      data-testid="person-row"
      data-idle={idle ? 'true' : 'false'}
      data-color={person.colour}
      data-role={person.role}
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

/** The first letter of a name (a whole emoji or accented letter, not half of one). */
function initialOf(name: string): string {
  const [first] = Array.from(name)
  return first === undefined ? '?' : first.toLocaleUpperCase()
}
