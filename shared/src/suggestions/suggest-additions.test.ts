import { describe, expect, it } from 'vitest'
import type { ExistingCluster } from '../backlog/suggestion-types.ts'
import { painPointAt, pathToProductionPhases } from '../testing/timeline-points.ts'
import { additionThreshold, suggestAdditions } from './suggest-additions.ts'
import { compileVocabulary } from './vocabulary.ts'

const phases = pathToProductionPhases
const at = painPointAt

/** Two clusters the group made by hand, and pain points nobody clustered yet. */
const members = [
  at('shape:acc-1', 'Access to the prod logs needs approval', 1, 100),
  at('shape:acc-2', 'Approval for GitHub access takes a week', 1, 200),
  at('shape:acc-3', 'Nobody knows who gives approval for access to Jira', 1, 260),
  at('shape:acc-4', 'VPN access took three weeks', 1, 320),
  at('shape:ci-1', 'Flaky tests on the shared runner', 3, 100),
  at('shape:ci-2', 'Pipeline goes red randomly', 3, 200),
]
const clusters: ExistingCluster[] = [
  {
    id: 'cluster:access',
    name: 'Access',
    memberIds: ['shape:acc-1', 'shape:acc-2', 'shape:acc-3', 'shape:acc-4'],
  },
  { id: 'cluster:ci', name: 'Flaky CI', memberIds: ['shape:ci-1', 'shape:ci-2'] },
]
const candidates = [
  // Says the same as the access cluster in other words: tickets and permissions.
  at('shape:new-ticket', 'Raised five tickets just to get permissions', 1, 150),
  // Shares a word with three of the four access pain points.
  at('shape:new-approval', 'Jira approval lost in email', 1, 380),
  at('shape:new-flaky', 'Builds fail intermittently', 3, 300),
  at('shape:new-coffee', 'Coffee machine is broken', 0, 100),
]
const all = new Map([...members, ...candidates].map((p) => [p.id, p]))
const additions = suggestAdditions(candidates, clusters, all, phases)
const forPoint = (id: string) => additions.find((a) => a.painPointId === id)

describe('suggestAdditions', () => {
  it('suggests a pain point worded with synonyms into the cluster they mean, saying which words', () => {
    const ticket = forPoint('shape:new-ticket')
    expect(ticket).toMatchObject({ clusterId: 'cluster:access', clusterName: 'Access' })
    expect(ticket?.reason).toMatch(/"tickets" means the same as "access" and "approval"/)
    expect(ticket?.reason).toContain('(access request)')
    expect(ticket?.reason).toContain('It sits in Team & access, like 4 of them.')
    expect(ticket?.key).toMatch(/^addition:[0-9a-z]+$/)
  })

  it('names the words it shares and with how many of the members', () => {
    const approval = forPoint('shape:new-approval')
    expect(approval?.clusterId).toBe('cluster:access')
    expect(approval?.sharedTerms[0]).toBe('approval')
    expect(approval?.reason).toMatch(
      /^Shares "approval" with 3 of its 4 pain points, "jira" with 1\. /,
    )
  })

  it('suggests the flaky build into the CI cluster and nothing for an unrelated pain point', () => {
    expect(forPoint('shape:new-flaky')?.clusterId).toBe('cluster:ci')
    expect(forPoint('shape:new-coffee')).toBeUndefined()
  })

  it('suggests nothing below the threshold, and its confidence is the average similarity', () => {
    for (const a of additions) expect(a.confidence).toBeGreaterThanOrEqual(additionThreshold)
    const strict = suggestAdditions(candidates, clusters, all, phases, { threshold: 0.99 })
    expect(strict).toEqual([])
    const lowest = Math.min(...additions.map((a) => a.confidence))
    const justAbove = suggestAdditions(candidates, clusters, all, phases, {
      threshold: lowest + 0.01,
    })
    expect(justAbove.length).toBe(additions.filter((a) => a.confidence >= lowest + 0.01).length)
  })

  it('orders additions by confidence, then key', () => {
    const order = [...additions].sort(
      (a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : 1),
    )
    expect(additions).toEqual(order)
  })

  it('gives the same additions whatever the order of pain points, clusters and members', () => {
    const shuffled = suggestAdditions(
      [...candidates].reverse(),
      [...clusters].reverse().map((c) => ({ ...c, memberIds: [...c.memberIds].reverse() })),
      new Map([...all.entries()].reverse()),
      phases,
    )
    expect(shuffled).toEqual(additions)
  })

  it('uses the vocabulary it is given: without the concept, synonyms are not enough', () => {
    const none = compileVocabulary({ concepts: [] })
    const plain = suggestAdditions(candidates, clusters, all, phases, { vocabulary: none })
    expect(plain.find((a) => a.painPointId === 'shape:new-ticket')).toBeUndefined()
  })

  it('ignores clusters without known members and candidates that are members', () => {
    expect(
      suggestAdditions(
        [...candidates, at('shape:acc-1', 'Access to the prod logs needs approval', 1, 100)],
        [...clusters, { id: 'cluster:gone', name: 'Gone', memberIds: ['shape:deleted'] }],
        all,
        phases,
      ),
    ).toEqual(additions)
    expect(suggestAdditions(candidates, [], all, phases)).toEqual([])
  })
})
