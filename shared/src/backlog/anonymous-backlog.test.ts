import { describe, expect, it } from 'vitest'
import { readBoard } from '../board/read-board.ts'
import { sessionKeys } from '../board/session.ts'
import type { BoardMapsJson } from './board-maps.ts'
import { buildBacklog } from './build-backlog.ts'
import { backlogFormats, exportBacklog } from './export-backlog.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

/** The workshop fixture, run in anonymous mode (the facilitator's session switch). */
const anonymousMaps: BoardMapsJson = {
  ...workshopMaps,
  session: { ...workshopMaps.session, [sessionKeys.anonymous]: true },
}
const names = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Mallory']

describe('anonymous mode', () => {
  it('the model shows no author names but keeps author ids', () => {
    const model = readBoard(anonymousMaps.records, anonymousMaps.session)
    expect(model.session.anonymous).toBe(true)
    expect(model.stickies.length).toBeGreaterThan(0)
    expect(model.stickies.every((s) => s.authorName === null)).toBe(true)
    expect(model.stickies.every((s) => s.authorId !== null)).toBe(true)
    expect(JSON.stringify(model)).not.toMatch(new RegExp(names.join('|')))
  })

  it('the backlog has no author names and the same ranking and author counts', () => {
    const named = buildBacklog(workshopBoard, workshopMaps)
    const anonymous = buildBacklog(workshopBoard, anonymousMaps)
    expect(anonymous.items.flatMap((i) => i.evidence.map((e) => e.authorName))).toEqual(
      named.items.flatMap((i) => i.evidence.map(() => null)),
    )
    expect(anonymous.items.map((i) => [i.itemId, i.score])).toEqual(
      named.items.map((i) => [i.itemId, i.score]),
    )
    expect(anonymous.items.some((i) => i.score.authors > 1)).toBe(true)
  })

  it.each(backlogFormats)('the %s export names nobody', (format) => {
    const file = exportBacklog(buildBacklog(workshopBoard, anonymousMaps), format, 'https://h')
    for (const name of names) expect(file).not.toContain(name)
    // The same export of the named board does carry them: the check above means something.
    expect(exportBacklog(buildBacklog(workshopBoard, workshopMaps), format, 'https://h')).toContain(
      'Ada',
    )
  })

  it('only a real `true` switches it on', () => {
    const maps = { ...workshopMaps, session: { ...workshopMaps.session, anonymous: 'yes' } }
    const backlog = buildBacklog(workshopBoard, maps)
    expect(backlog.items[0]?.evidence[0]?.authorName).toBe('Ada')
  })
})
