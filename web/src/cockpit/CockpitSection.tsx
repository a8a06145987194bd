import type { ReactNode } from 'react'

interface CockpitSectionProps {
  title: string
  /** One line shown beside the title, so a closed section still says where things stand. */
  summary?: ReactNode
  open: boolean
  onToggle(): void
  /** The header button's test id (kept from the panels these sections replaced). */
  testId: string
  children: ReactNode
}

/**
 * One fold of the cockpit: a header button that says whether it is open (aria-expanded) and the
 * section's controls below it. Sections scroll with the cockpit, never on their own, so the
 * mouse wheel over any of them scrolls the cockpit and not the board.
 */
export function CockpitSection({
  title,
  summary,
  open,
  onToggle,
  testId,
  children,
}: CockpitSectionProps) {
  const bodyId = `cockpit-${testId}-body`
  return (
    <section className="stormline-cockpit__section" aria-label={title} data-open={open}>
      <button
        type="button"
        className="stormline-cockpit__section-toggle"
        data-testid={testId}
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={onToggle}
      >
        <span className="stormline-cockpit__chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="stormline-cockpit__section-title">{title}</span>
        {summary !== undefined && (
          <span className="stormline-cockpit__section-summary">{summary}</span>
        )}
      </button>
      {open && (
        <div className="stormline-cockpit__section-body" id={bodyId}>
          {children}
        </div>
      )}
    </section>
  )
}
