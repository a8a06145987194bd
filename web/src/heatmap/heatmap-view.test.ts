import { painHeat } from '@stormline/shared/board/pain-heat'
import { readBoard } from '@stormline/shared/board/read-board'
import { pageRecord, stickyRecord, timelineRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import {
  columnMargin,
  heatColumns,
  heatFill,
  heatFontSize,
  heatLabel,
  hotSteps,
} from './heatmap-view.ts'

const timeline = timelineRecord({
  w: 800,
  h: 100,
  startLabel: 'Start',
  endLabel: 'End',
  phases: [
    { id: 'a', name: 'Ask', weight: 1 },
    { id: 'b', name: 'Build', weight: 3 },
  ],
})

describe('heatColumns', () => {
  it('draws a column under each phase, spanning the stickies along the timeline', () => {
    const model = readBoard([
      pageRecord,
      timeline,
      stickyRecord('shape:s', { kind: 'step', x: 0, y: -500 }),
      stickyRecord('shape:p', { kind: 'pain', x: 300, y: 150 }),
      // Far off the timeline: it does not stretch the columns.
      stickyRecord('shape:far', { kind: 'pain', x: 5000, y: -5000 }),
    ])
    const columns = heatColumns(model, painHeat(model, {}, new Map()))
    expect(columns).toEqual([
      {
        phaseId: 'a',
        name: 'Ask',
        x: 0,
        y: -500 - columnMargin,
        w: 200,
        h: 850 + 2 * columnMargin,
        pain: 0,
        votes: 0,
        intensity: 0,
        countsY: 100,
      },
      {
        phaseId: 'b',
        name: 'Build',
        x: 200,
        y: -500 - columnMargin,
        w: 600,
        h: 850 + 2 * columnMargin,
        pain: 1,
        votes: 0,
        intensity: 1,
        countsY: 100,
      },
    ])
  })

  it('draws nothing without a timeline', () => {
    const model = readBoard([pageRecord, stickyRecord('shape:p', { kind: 'pain' })])
    expect(heatColumns(model, painHeat(model, {}, new Map()))).toEqual([])
  })
})

describe('heat-map texts and shades', () => {
  it('counts pain points and the votes this viewer may see', () => {
    expect(heatLabel(3, 5, 'totals')).toBe('3 pain points · 5 votes')
    expect(heatLabel(1, 1, 'totals')).toBe('1 pain point · 1 vote')
    expect(heatLabel(2, 1, 'mine')).toBe('2 pain points · 1 dot of yours')
    expect(heatLabel(2, 0, 'none')).toBe('2 pain points')
  })

  it('shades nothing where nothing hurts, deeper as it hurts more', () => {
    expect(heatFill(0)).toBe('transparent')
    expect(heatFill(0.5)).toBe('rgb(224 49 49 / 0.210)')
    expect(heatFill(1)).toBe('rgb(224 49 49 / 0.360)')
  })

  it('badges only steps with pain or votes', () => {
    const model = readBoard([
      pageRecord,
      timeline,
      stickyRecord('shape:s1', { kind: 'step', x: 0, y: -400 }),
      stickyRecord('shape:s2', { kind: 'step', x: 400, y: -400 }),
      stickyRecord('shape:p', { kind: 'pain', x: 0, y: -190 }),
    ])
    expect(hotSteps(painHeat(model, {}, new Map())).map((s) => s.stepId)).toEqual(['shape:s1'])
  })

  it('keeps counts readable on screen at any zoom', () => {
    expect(heatFontSize(1)).toBe(14)
    expect(heatFontSize(0.5)).toBe(26)
    expect(heatFontSize(0.1)).toBe(48)
  })
})
