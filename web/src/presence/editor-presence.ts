import type { TLComponents, TldrawOptions } from 'tldraw'
import { PresenceCursor } from './PresenceCursor.tsx'

/**
 * What tldraw's editor needs to show people truthfully (given to <Tldraw> by the board editor).
 *
 * tldraw stops drawing a collaborator, and drops them from its people menu, once they have not
 * moved for `collaboratorInactiveTimeoutMs` (a minute). In a workshop people listen, read and
 * think for minutes at a time: they are here, so they stay, shown as idle instead.
 */
export const presenceEditorOptions: Partial<TldrawOptions> = {
  collaboratorInactiveTimeoutMs: Number.POSITIVE_INFINITY,
}

export const presenceComponents: Pick<TLComponents, 'CollaboratorCursor' | 'SharePanel'> = {
  CollaboratorCursor: PresenceCursor,
  // The cockpit's People section lists everyone, with follow; tldraw's people menu in the top
  // right corner repeated it with tiny, clipped avatars and took room the top bar needs.
  SharePanel: null,
}
