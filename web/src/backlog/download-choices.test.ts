import {
  backlogFileName,
  backlogFormats,
  trackerFormats,
} from '@stormline/shared/backlog/export-backlog'
import { describe, expect, it } from 'vitest'
import { downloadRows } from './download-choices.ts'

const choices = downloadRows.flatMap((row) => row.choices)

describe('backlog download buttons', () => {
  it('offer every export format exactly once, the tracker files in a row of their own', () => {
    expect(choices.map((c) => c.format).sort()).toEqual([...backlogFormats].sort())
    expect(downloadRows.map((row) => row.heading)).toEqual(['Download', 'For trackers'])
    expect(downloadRows[1]?.choices.map((c) => c.format)).toEqual([...trackerFormats])
    expect(downloadRows[1]?.choices.map((c) => c.label)).toEqual(['Jira', 'GitHub', 'Linear'])
  })

  it('name each tracker button after what it is for, starting with its visible label', () => {
    for (const choice of downloadRows[1]?.choices ?? []) {
      expect(choice.description?.startsWith(`${choice.label}: `)).toBe(true)
    }
    // The file formats say what they are already.
    expect(downloadRows[0]?.choices.map((c) => c.description)).toEqual([null, null, null])
    expect(new Set(choices.map((c) => c.description ?? c.label)).size).toBe(choices.length)
  })

  it('save each file under a name that says its tracker and type', () => {
    expect(choices.map((c) => backlogFileName('Payments: path to prod', c.format))).toEqual([
      'payments-path-to-prod-backlog.md',
      'payments-path-to-prod-backlog.csv',
      'payments-path-to-prod-backlog.json',
      'payments-path-to-prod-backlog-jira.csv',
      'payments-path-to-prod-backlog-github.json',
      'payments-path-to-prod-backlog-linear.csv',
    ])
  })
})
