/**
 * Which colour this page shows its person in. Nobody hands colours out: each page picks its own
 * from what the others on the board advertise, and every page applies the same rules to the
 * same awareness states, so they settle without talking it over.
 *
 * - On joining, take the least-used colour among the people present (the first such one in
 *   palette order, whose first colours are the furthest apart).
 * - Afterwards keep it while it is among the least-used by the people ranked before this page
 *   (a lower awareness client id: random, but the same order on every page); otherwise re-pick.
 *   Of two people with one colour only the later-ranked moves, and a page's decision to keep
 *   depends only on people ranked before it, so however many joined at the same moment the
 *   colours settle within one round per person (the test simulates that worst case).
 * - Tabs of one person (same user id) are one person: a later tab takes the colour of the
 *   earliest one instead of competing with it.
 * - Colours repeat only once every palette colour is taken; then they are shared evenly.
 */

export interface ColourHolder {
  clientId: number
  /** tldraw user id (`user:<participant id>`): the same in every tab of one browser. */
  userId: string
  /** What this client advertises; null when it has not said or said something unusable. */
  colour: string | null
}

export interface ColourChoice {
  self: { clientId: number; userId: string }
  /** The colour this page uses on the board now; null before it has chosen one there. */
  current: string | null
  /** Every other awareness client present (other tabs of this person included). */
  others: readonly ColourHolder[]
  palette: readonly string[]
}

/** One holder per person: the colour of their earliest client, which their other tabs adopt. */
function earliestPerPerson(holders: readonly ColourHolder[]): Map<string, ColourHolder> {
  const people = new Map<string, ColourHolder>()
  for (const holder of holders) {
    if (holder.colour === null) continue
    const known = people.get(holder.userId)
    if (known === undefined || holder.clientId < known.clientId) people.set(holder.userId, holder)
  }
  return people
}

function countColours(people: Iterable<ColourHolder>): Map<string, number> {
  const uses = new Map<string, number>()
  for (const { colour } of people)
    if (colour !== null) uses.set(colour, (uses.get(colour) ?? 0) + 1)
  return uses
}

/** The palette colour used least by `first`, then least by `then`, then earliest in the palette. */
function leastUsed(
  palette: readonly string[],
  first: ReadonlyMap<string, number>,
  then: ReadonlyMap<string, number> = first,
): string | null {
  let best: string | null = null
  let bestUses: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]
  for (const colour of palette) {
    const uses: [number, number] = [first.get(colour) ?? 0, then.get(colour) ?? 0]
    if (uses[0] < bestUses[0] || (uses[0] === bestUses[0] && uses[1] < bestUses[1])) {
      best = colour
      bestUses = uses
    }
  }
  return best
}

export function chooseColour({ self, current, others, palette }: ColourChoice): string | null {
  const people = earliestPerPerson(others)
  const myEarlierTab = people.get(self.userId)
  if (myEarlierTab !== undefined && myEarlierTab.clientId < self.clientId)
    return myEarlierTab.colour
  people.delete(self.userId)

  const everyone = countColours(people.values())
  if (current === null) return leastUsed(palette, everyone)
  const byEarlier = countColours([...people.values()].filter((p) => p.clientId < self.clientId))
  const fewest = leastUsed(palette, byEarlier, everyone)
  if (fewest === null) return current
  return (byEarlier.get(current) ?? 0) <= (byEarlier.get(fewest) ?? 0) ? current : fewest
}
