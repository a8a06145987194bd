import { DefaultStylePanel, DefaultToolbar, type TLUiStylePanelProps } from 'tldraw'
import { KindLegend } from './KindLegend.tsx'
import { KindPalette } from './KindPalette.tsx'
import { StickyDetailsPanel } from './StickyDetailsPanel.tsx'
import './stickies.css'

/**
 * Our sticky UI, slotted into tldraw's own layout next to the tldraw part it belongs with, so
 * tldraw's layout keeps everything apart at every window size instead of us guessing where its
 * panels end.
 */

/**
 * The kind palette right above tldraw's toolbar. Not inside it: tldraw numbers the toolbar's
 * buttons for its 1–0 keys, which we take over for kinds (sticky-shortcuts.ts).
 */
export function ToolbarWithKindPalette() {
  return (
    <div className="stormline-toolbar-stack">
      <KindPalette />
      <DefaultToolbar />
    </div>
  )
}

/**
 * tldraw's top-right column: the legend, always there and so always in the same place, above
 * tldraw's style panel (a note's size, font and alignment stay available; its colour picker
 * changes the kind, see sticky-side-effects.ts). The details of a selected sticky open to their
 * left, so neither has to scroll on an ordinary screen; on narrow windows they stack below.
 */
export function StylePanelWithStickies(props: TLUiStylePanelProps) {
  return (
    <div className="stormline-right-area">
      <StickyDetailsPanel />
      <div className="stormline-right-stack">
        <KindLegend />
        <DefaultStylePanel {...props} />
      </div>
    </div>
  )
}
