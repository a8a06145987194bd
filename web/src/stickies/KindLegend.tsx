import { stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import { useState } from 'react'
import './stickies.css'

/**
 * Which colour means what, always on screen so nobody has to remember it. It folds down to its
 * title for people who know it by heart, but starts open.
 */
export function KindLegend() {
  const [open, setOpen] = useState(true)
  return (
    <aside className="stormline-legend" data-testid="kind-legend" aria-label="Sticky kinds">
      <button
        type="button"
        className="stormline-legend__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Sticky kinds <span aria-hidden>{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <ul className="stormline-legend__list">
          {stickyKinds.map((kind) => {
            const info = stickyKindInfo[kind]
            return (
              <li
                key={kind}
                className="stormline-legend__item"
                data-testid={`legend-${kind}`}
                title={info.hint}
              >
                <span className="stormline-swatch" style={{ background: info.fill }} aria-hidden />
                <span className="stormline-legend__label">{info.label}</span>
                <kbd className="stormline-legend__key">{info.shortcut}</kbd>
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
