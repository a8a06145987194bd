import './access.css'

/** Tells a viewer why nothing they try changes the board. */
export function ViewOnlyBadge() {
  return (
    <output
      className="board-badge"
      data-testid="view-only-badge"
      title="You can follow the board live but not change it"
    >
      View only
    </output>
  )
}
