import type { CSSProperties } from 'react'
import { DefaultCursor, type TLCursorProps, type TLUserId, usePresence } from 'tldraw'
import { idleAfterMs } from './people-list.ts'
import { useNow } from './use-now.ts'
import './people.css'

/**
 * A collaborator's cursor that stays on the board while they sit still: tldraw's own cursor,
 * faded with "idle" after its name once they have not touched the board for a minute. (tldraw
 * would otherwise hide it after that minute: see editor-presence.ts.)
 */
export function PresenceCursor(props: TLCursorProps) {
  const presence = usePresence(props.userId as TLUserId)
  const now = useNow(10_000)
  const lastActive = presence?.lastActivityTimestamp ?? null
  const idle = lastActive !== null && now - lastActive > idleAfterMs
  return (
    <div
      className="stormline-cursor"
      data-idle={idle ? 'true' : 'false'}
      style={{ '--stormline-person': props.color } as CSSProperties}
    >
      {/* Without a colour tldraw leaves the tag's background to us, and the arrow takes the
          wrapper's text colour: the person's. */}
      <DefaultCursor
        {...props}
        color={idle ? undefined : props.color}
        name={idle && props.name ? `${props.name} · idle` : props.name}
      />
    </div>
  )
}
