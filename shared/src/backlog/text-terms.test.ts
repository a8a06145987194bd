import { describe, expect, it } from 'vitest'
import { stem, terms } from './text-terms.ts'

describe('stem', () => {
  it.each([
    [['approval', 'approvals', 'approve', 'approved', 'approving'], 'approv'],
    [['request', 'requests', 'requested', 'requesting'], 'request'],
    [['build', 'builds', 'building'], 'build'],
    [['deploy', 'deploys', 'deployment', 'deployments'], 'deploy'],
    [['environment', 'environments'], 'environ'],
    [['policy', 'policies'], 'policy'],
    [['pipeline', 'pipelines'], 'pipelin'],
    [['vm', 'vms'], 'vm'],
    [['pr', 'prs'], 'pr'],
    [['k8s', 'k8'], 'k8'],
    [['speed', 'speeds', 'speeding'], 'speed'],
    [['string', 'strings'], 'string'],
    [['ticket', 'tickets', 'ticketing'], 'ticket'],
  ])('brings %j together', (words, expected) => {
    expect(new Set(words.map(stem))).toEqual(new Set([expected]))
  })

  it('keeps "hrs" (hours) apart from HR', () => {
    expect(stem('hrs')).not.toBe(stem('hr'))
  })

  it.each(['access', 'status', 'bus', 'vm'])(
    'leaves %s alone where stripping would hurt',
    (word) => {
      expect(stem(word).length).toBeGreaterThanOrEqual(word.length - 1)
    },
  )
})

describe('terms', () => {
  it('keeps meaningful words, drops stop words, numbers and short words except acronyms', () => {
    expect(terms('We wait 2 weeks for a VM, and the CI is flaky!').map((t) => t.surface)).toEqual([
      'wait',
      'weeks',
      'vm',
      'ci',
      'flaky',
    ])
  })

  it('handles accents, emoji and other scripts', () => {
    expect(terms('Déploiement 🔥 lent — 部署 slow').map((t) => t.surface)).toEqual([
      'déploiement',
      'lent',
      '部署',
      'slow',
    ])
  })

  it('joins contractions and drops them as stop words', () => {
    expect(terms("We don't know who owns it; it doesn't scale").map((t) => t.stem)).toEqual([
      'know',
      'own',
      'scal',
    ])
    expect(terms('The team’s backlog').map((t) => t.stem)).toEqual(['team', 'backlog'])
  })

  it('lets plural acronyms meet their singular', () => {
    expect(terms('Waiting for VMs').map((t) => t.stem)).toEqual(['wait', 'vm'])
  })

  it('returns nothing for empty or symbol-only text', () => {
    expect(terms('')).toEqual([])
    expect(terms('!!! ??? ---')).toEqual([])
  })
})
