import {
  DefaultStylePanel,
  DefaultToolbar,
  StylePanelArrowheadPicker,
  StylePanelArrowKindPicker,
  StylePanelDashPicker,
  StylePanelFillPicker,
  StylePanelFontPicker,
  StylePanelGeoShapePicker,
  StylePanelLabelAlignPicker,
  StylePanelSection,
  StylePanelSizePicker,
  StylePanelSplinePicker,
  StylePanelTextAlignPicker,
  type TLUiStylePanelProps,
  useEditor,
  useValue,
} from 'tldraw'
import { KindLegend } from './KindLegend.tsx'
import { KindPalette } from './KindPalette.tsx'
import { KindPicker } from './KindPicker.tsx'
import { kindPickerTarget } from './kind-selection.ts'
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
 * the style panel. The details of a selected sticky open to their left, so neither has to
 * scroll on an ordinary screen; on narrow windows they stack below.
 */
export function StylePanelWithStickies(props: TLUiStylePanelProps) {
  return (
    <div className="stormline-right-area">
      <StickyDetailsPanel />
      <div className="stormline-right-stack">
        <KindLegend />
        <StickyAwareStylePanel {...props} />
      </div>
    </div>
  )
}

/**
 * tldraw's style panel, except where stickies are concerned (stickies selected, or the note
 * tool's next note): a sticky's colour is its kind, so the kind picker takes the colour picker's
 * place. Arrows, text and drawings on their own keep tldraw's panel as it is.
 */
function StickyAwareStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const forStickies = useValue(
    'style panel for stickies',
    () => kindPickerTarget(editor) !== null,
    [editor],
  )
  if (!forStickies) return <DefaultStylePanel {...props} />
  return (
    <DefaultStylePanel {...props}>
      <StickyStylePanelContent />
    </DefaultStylePanel>
  )
}

/**
 * What applies to a note: its kind, its size (which is its text size), font and label
 * alignment. Left out on purpose: the colour (it is the kind) and the opacity (a faded sticky no
 * longer matches its kind's colour in the legend). A note has no fill, dash, geometry or
 * arrowheads; those pickers show only when the selection also holds shapes that have them, and
 * then style those shapes.
 */
function StickyStylePanelContent() {
  return (
    <>
      <StylePanelSection>
        <KindPicker />
      </StylePanelSection>
      <StylePanelSection>
        <StylePanelFillPicker />
        <StylePanelDashPicker />
        <StylePanelSizePicker />
      </StylePanelSection>
      <StylePanelSection>
        <StylePanelFontPicker />
        <StylePanelTextAlignPicker />
        <StylePanelLabelAlignPicker />
      </StylePanelSection>
      <StylePanelSection>
        <StylePanelGeoShapePicker />
        <StylePanelArrowKindPicker />
        <StylePanelArrowheadPicker />
        <StylePanelSplinePicker />
      </StylePanelSection>
    </>
  )
}
