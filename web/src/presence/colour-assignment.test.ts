import { describe, expect, it } from 'vitest'
import { type ColourHolder, chooseColour } from './colour-assignment.ts'
import { personPalette } from './person-palette.ts'

const palette = ['#aa0000', '#00aa00', '#0000aa']

function holder(clientId: number, userId: string, colour: string | null): ColourHolder {
  return { clientId, userId, colour }
}

describe('chooseColour', () => {
  it('takes the first colour nobody has when joining', () => {
    expect(
      chooseColour({
        self: { clientId: 5, userId: 'user:me' },
        current: null,
        others: [holder(1, 'user:a', '#aa0000'), holder(9, 'user:b', '#0000aa')],
        palette,
      }),
    ).toBe('#00aa00')
  })

  it('keeps its colour when only someone with a higher client id has it too', () => {
    expect(
      chooseColour({
        self: { clientId: 5, userId: 'user:me' },
        current: '#aa0000',
        others: [holder(9, 'user:b', '#aa0000')],
        palette,
      }),
    ).toBe('#aa0000')
  })

  it('moves to a free colour when someone with a lower client id has the same one', () => {
    expect(
      chooseColour({
        self: { clientId: 5, userId: 'user:me' },
        current: '#aa0000',
        others: [holder(1, 'user:a', '#aa0000'), holder(2, 'user:b', '#00aa00')],
        palette,
      }),
    ).toBe('#0000aa')
  })

  it('shares the least-used colour once the palette is full, without hopping', () => {
    const others = [
      holder(1, 'user:a', '#aa0000'),
      holder(2, 'user:b', '#00aa00'),
      holder(3, 'user:c', '#0000aa'),
    ]
    const joined = chooseColour({
      self: { clientId: 7, userId: 'user:me' },
      current: null,
      others,
      palette,
    })
    expect(joined).toBe('#aa0000')
    // Everyone's colour is used once: moving would not make anything more distinct.
    expect(
      chooseColour({ self: { clientId: 7, userId: 'user:me' }, current: joined, others, palette }),
    ).toBe('#aa0000')
  })

  it("gives a person's second tab the colour of their first", () => {
    expect(
      chooseColour({
        self: { clientId: 8, userId: 'user:me' },
        current: null,
        others: [holder(3, 'user:me', '#0000aa'), holder(1, 'user:a', '#aa0000')],
        palette,
      }),
    ).toBe('#0000aa')
    // The first tab does not count its later tabs as somebody else.
    expect(
      chooseColour({
        self: { clientId: 3, userId: 'user:me' },
        current: '#0000aa',
        others: [holder(8, 'user:me', '#0000aa')],
        palette,
      }),
    ).toBe('#0000aa')
  })

  it('ignores peers that have not said their colour yet', () => {
    expect(
      chooseColour({
        self: { clientId: 5, userId: 'user:me' },
        current: null,
        others: [holder(1, 'user:a', null)],
        palette,
      }),
    ).toBe('#aa0000')
  })
})

/**
 * Pages that each run chooseColour on whatever they last heard from the others, in a random
 * order, as awareness updates would arrive. Returns the settled colours and how many changes
 * it took.
 */
function simulate(
  pages: { clientId: number; userId: string }[],
  seed: number,
  palette: readonly string[] = personPalette,
): { colours: (string | null)[]; changes: number } {
  let state = seed
  const random = (): number => {
    // Park–Miller: a reproducible shuffle without a dependency.
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  const colours: (string | null)[] = pages.map(() => null)
  let changes = 0
  for (let round = 0; round < 100; round++) {
    let changed = false
    const order = pages.map((_, i) => i).sort(() => random() - 0.5)
    // Everybody decides on the same snapshot, the worst case: they all joined at once.
    const snapshot = [...colours]
    for (const i of order) {
      const page = pages[i] as { clientId: number; userId: string }
      const next = chooseColour({
        self: page,
        current: colours[i] ?? null,
        others: pages
          .map((p, j) => holder(p.clientId, p.userId, snapshot[j] ?? null))
          .filter((_, j) => j !== i),
        palette,
      })
      if (next !== colours[i]) {
        colours[i] = next
        changes++
        changed = true
      }
    }
    if (!changed) return { colours, changes }
  }
  throw new Error('colours never settled')
}

describe('colours on a whole board', () => {
  it('settles on distinct colours for up to a full palette of people joining at once', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const people = Array.from({ length: 12 }, (_, i) => ({
        clientId: (seed * 7919 + i * 104729) % 1000003,
        userId: `user:p${i}`,
      }))
      const { colours } = simulate(people, seed)
      expect(new Set(colours).size).toBe(12)
    }
  })

  it('shares colours as evenly as possible beyond the palette', () => {
    const people = Array.from({ length: 30 }, (_, i) => ({
      clientId: 1000 + ((i * 37) % 30),
      userId: `user:p${i}`,
    }))
    const { colours } = simulate(people, 3)
    const uses = new Map<string | null, number>()
    for (const colour of colours) uses.set(colour, (uses.get(colour) ?? 0) + 1)
    expect(uses.size).toBe(personPalette.length)
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(3)
  })

  it('lets people joining one after another keep the colour they got', () => {
    const taken: ColourHolder[] = []
    for (let i = 0; i < 12; i++) {
      const self = { clientId: 500 - i, userId: `user:p${i}` }
      const colour = chooseColour({ self, current: null, others: taken, palette: personPalette })
      taken.push(holder(self.clientId, self.userId, colour))
    }
    expect(taken.map((t) => t.colour)).toEqual(personPalette)
  })
})

/** WCAG relative luminance and OKLab, to check the palette's promises. */
function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
}

function contrastWithWhite(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex)
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
}

function oklab(hex: string): number[] {
  const [r = 0, g = 0, b = 0] = channels(hex)
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ]
}

function closestPair(colours: readonly string[]): number {
  let closest = Number.POSITIVE_INFINITY
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const [a, b] = [oklab(colours[i] as string), oklab(colours[j] as string)]
      closest = Math.min(closest, Math.hypot(...a.map((v, k) => v - (b[k] ?? 0))))
    }
  }
  return closest
}

describe('personPalette', () => {
  it('carries white name tags at WCAG AA', () => {
    for (const colour of personPalette)
      expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5)
  })

  it('hands out the most different colours first', () => {
    expect(new Set(personPalette).size).toBe(personPalette.length)
    expect(closestPair(personPalette.slice(0, 9))).toBeGreaterThan(0.095)
    expect(closestPair(personPalette)).toBeGreaterThan(0.075)
  })
})
