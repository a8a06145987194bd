import { describe, expect, it } from 'vitest'
import { overlapArea } from '../board/geometry.ts'
import { readBoard } from '../board/read-board.ts'
import { validateBoardRecord } from '../sync/validate-record.ts'
import { pageRecord, stickyRecord, timelineRecord } from '../testing/board-records.ts'
import { type ImportedSticky, planStickyImport } from './sticky-import.ts'
import { importedStickyRecords, indicesAbove, topShapeIndex } from './sticky-import-records.ts'

const timeline = timelineRecord({
  w: 2800,
  h: 160,
  startLabel: 'Start',
  endLabel: 'Live',
  phases: ['Build & CI', 'Release', 'Live & operate'].map((name, i) => ({
    id: `p${i + 1}`,
    name,
    weight: 1,
  })),
})

function boardWith(extra: object[] = [], session: Record<string, unknown> = {}) {
  return readBoard([pageRecord, timeline, ...extra], session)
}

function plan(csv: string, board = boardWith()) {
  const parsed = planStickyImport(csv, board)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.plan
}

const stickies = (rows: ReturnType<typeof plan>['rows']): ImportedSticky[] =>
  rows.flatMap((row) => ('sticky' in row ? [row.sticky] : []))

describe('planStickyImport', () => {
  it('reads Stormline columns in any case and order, kinds by id or label, phases by name', () => {
    const result = plan(
      'Phase,TEXT,Kind,author,context\r\n' +
        'build & ci,Flaky tests,Pain point,Ana,"fails ""often"""\r\n' +
        'RELEASE,Manual approval,step,,\r\n',
    )
    expect(result.ok).toBe(true)
    expect(result.rows.map((r) => r.line)).toEqual([2, 3])
    expect(stickies(result.rows)).toMatchObject([
      {
        kind: 'pain',
        text: 'Flaky tests',
        phaseId: 'p1',
        context: 'fails "often"',
        authorName: 'Ana',
      },
      { kind: 'step', text: 'Manual approval', phaseId: 'p2', authorName: null },
    ])
  })

  it('reads a Miro-style export (Content, Sticky color, Frame) and a Mural-style one (Sticky text, Color, Area)', () => {
    const miro = plan(
      'Content,Sticky color,Frame,Created by\nSlow builds,light_blue,Build & CI,Kim\n',
    )
    expect(stickies(miro.rows)).toMatchObject([
      { kind: 'tech', text: 'Slow builds', authorName: 'Kim' },
    ])
    const mural = plan(
      'Sticky Text,Color,Area\nWho approves?,#DB91FD,Release\nOwner,Light Green,Release\n',
    )
    expect(stickies(mural.rows).map((s) => s.kind)).toEqual(['question', 'team'])
  })

  it('gives every bad row its own error and is not ok', () => {
    const result = plan(
      'text,kind,phase\n' +
        'ok,step,Release\n' +
        ',step,Release\n' +
        'x,banana,Release\n' +
        'x,step,Nowhere\n' +
        `${'y'.repeat(1001)},step,Release\n` +
        'x,,\n',
    )
    expect(result.ok).toBe(false)
    const errors = result.rows.map((row) => ('error' in row ? row.error : null))
    expect(errors[0]).toBeNull()
    expect(errors[1]).toBe('text is empty')
    expect(errors[2]).toMatch(/^unknown kind "banana"/)
    expect(errors[3]).toMatch(/^unknown phase "Nowhere"; use one of: Build & CI, Release/)
    expect(errors[4]).toMatch(/text is 1001 characters long/)
    expect(errors[5]).toMatch(/kind is empty; phase is empty/)
  })

  it('keeps hostile text as plain text: formulas stay text, control characters go', () => {
    const result = plan(
      'text,kind,phase,context\n' +
        '"=HYPERLINK(""http://evil"",""x"")",step,Release,"+cmd|\' /C calc\'!A0"\n' +
        '"bell\u0007 and nul-free\u001b[31m red",pain,Release,\n' +
        '<img src=x onerror=alert(1)>,tech,Release,\n',
    )
    expect(result.ok).toBe(true)
    expect(stickies(result.rows).map((s) => [s.text, s.context])).toEqual([
      ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0"],
      ['bell and nul-free[31m red', ''],
      ['<img src=x onerror=alert(1)>', ''],
    ])
  })

  it('keeps no author on an anonymous board', () => {
    const board = boardWith([], { anonymous: true })
    const result = plan('text,kind,phase,author\nx,step,Release,Ana\n', board)
    expect(stickies(result.rows)[0]?.authorName).toBeNull()
  })

  it('refuses a file without the needed columns, rows, or within its bounds', () => {
    const board = boardWith()
    const missing = planStickyImport('title,colour\nx,red\n', board)
    expect(!missing.ok && missing.error).toMatchObject({ code: 'missing_columns', line: 1 })
    const empty = planStickyImport('\uFEFF', board)
    expect(!empty.ok && empty.error.code).toBe('no_rows')
    const headerOnly = planStickyImport('text,kind,phase\r\n', board)
    expect(!headerOnly.ok && headerOnly.error.code).toBe('no_rows')
    const many = planStickyImport(`text,kind,phase\n${'x,step,Release\n'.repeat(1001)}`, board)
    expect(!many.ok && many.error.code).toBe('too_many_rows')
    const broken = planStickyImport('text,kind,phase\n"x,step,Release\n', board)
    expect(!broken.ok && broken.error.code).toBe('invalid_csv')
  })

  it('on a board without a timeline, takes stickies without a phase and refuses a phase', () => {
    const board = readBoard([pageRecord])
    const result = plan('text,kind,phase\na,step,\nb,step,Release\n', board)
    expect(result.rows[0]).toHaveProperty('sticky')
    expect(result.rows[1]).toMatchObject({ error: expect.stringMatching(/no timeline/) })
  })
})

describe('imported sticky layout', () => {
  it('places stickies in their phase, below the timeline, clear of each other and of stickies there', () => {
    const existing = [
      stickyRecord('shape:old1', { x: 950, y: 200, kind: 'pain' }),
      stickyRecord('shape:old2', { x: 1100, y: 420 }),
    ]
    const board = boardWith(existing)
    const rows = Array.from(
      { length: 30 },
      (_, i) => `s${i},step,${['Release', 'Build & CI', 'Live & operate'][i % 3]}`,
    )
    const placed = stickies(plan(`text,kind,phase\n${rows.join('\n')}\n`, board).rows)
    const boxes = placed.map((s) => ({ x: s.x, y: s.y, w: 200, h: 200 }))
    const all = [...boxes, ...board.stickies.map((s) => s.bounds)]
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) expect(overlapArea(a, b)).toBe(0)
    }
    for (const box of boxes) expect(box.y).toBeGreaterThanOrEqual(160)
    // Read back, each sticky is in the phase its row named.
    const records = importedStickyRecords(placed, {
      pageId: 'page:page',
      newId: (() => {
        let n = 0
        return () => `shape:new${n++}`
      })(),
      now: new Date('2026-01-01T00:00:00Z'),
      topIndex: topShapeIndex([timeline, ...existing], 'page:page'),
    })
    const after = readBoard([pageRecord, timeline, ...existing, ...records])
    for (const [i, sticky] of placed.entries()) {
      expect(after.stickies.find((s) => s.id === `shape:new${i}`)?.phaseId).toBe(sticky.phaseId)
    }
  })
})

describe('importedStickyRecords', () => {
  it('writes valid tldraw notes on top of the page, with a name but never an author id', () => {
    const [sticky] = stickies(plan('text,kind,phase,author\nHello,time,Release,Ana\n').rows)
    if (!sticky) throw new Error('no sticky')
    const [record] = importedStickyRecords([sticky], {
      pageId: 'page:page',
      newId: () => 'shape:imported',
      now: new Date('2026-01-01T00:00:00Z'),
      topIndex: 'a5',
    })
    expect(validateBoardRecord('shape:imported', record)).toMatchObject({ ok: true })
    expect(record?.meta).toEqual({
      stormline: {
        kind: 'time',
        authorName: 'Ana',
        createdAt: '2026-01-01T00:00:00.000Z',
        context: '',
        needsDeepDive: false,
        durationMinutes: null,
      },
    })
    expect(String(record?.index) > 'a5').toBe(true)
  })

  it('makes ordered, valid indices above any top', () => {
    for (const top of [null, 'a0', 'a1V', 'Zz', 'b0A']) {
      const keys = indicesAbove(top, 70)
      expect([...keys].sort()).toEqual(keys)
      expect(new Set(keys).size).toBe(70)
      if (top !== null) expect(keys.every((k) => k > top)).toBe(true)
      for (const index of keys) {
        const note = { ...stickyRecord('shape:x'), index }
        expect(validateBoardRecord('shape:x', note)).toMatchObject({ ok: true })
      }
    }
  })
})
