import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import type { ClusterSuggestion } from '@stormline/shared/backlog/suggestion-types'
import { templateTimelineId } from '@stormline/shared/board/timeline'
import { pageRecord, timelineRecord } from '@stormline/shared/testing/board-records'
import { seededRandom } from '@stormline/shared/testing/seeded-random'
import { stickyRecord } from '../board/sticky-record.ts'

/**
 * A large synthetic workshop for the backlog pipeline: a six-phase timeline and `count` pain
 * points. Texts are drawn from topics (a few characteristic words each) mixed with words common
 * to every delivery team, so some pain points clearly belong together and many share
 * common words, as on a real board. Deterministic for a given count.
 */

const topics = [
  'vm provisioning ticket network queue',
  'firewall rule change manual request',
  'pen test security booking slot',
  'change advisory board weekly approval',
  'database schema migration rollback script',
  'release train freeze calendar window',
  'flaky integration tests pipeline rerun',
  'docker image registry scan vulnerability',
  'kubernetes cluster quota namespace capacity',
  'certificate renewal expiry outage pager',
  'logging dashboards alert noise oncall',
  'budget funding business case sponsor',
  'architecture review board template document',
  'vendor contract procurement license legal',
  'test environment shared booking conflicts',
  'secrets vault rotation credentials access',
  'data privacy assessment gdpr consent',
  'ux research interviews recruitment users',
  'handover operations runbook support team',
  'dns load balancer config tickets',
]

const common =
  'slow waiting weeks days manual approval team handoff unclear owner process tool email ' +
  'spreadsheet rework delay blocked missing access review sign wait queue priority escalation'

const phaseNames = ['Idea & funding', 'Design', 'Build', 'Test', 'Release', 'Live & operate']

function words(list: string): string[] {
  return list.split(' ')
}

export function syntheticWorkshop(count: number): {
  board: { id: string; name: string }
  maps: BoardMapsJson
} {
  const random = seededRandom(count)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const commonWords = words(common)
  const phaseWidth = 2000
  const records: Record<string, unknown> = {
    [pageRecord.id as string]: pageRecord,
    [templateTimelineId]: timelineRecord({
      w: phaseWidth * phaseNames.length,
      h: 160,
      startLabel: 'Project start',
      endLabel: 'Live in production',
      phases: phaseNames.map((name, i) => ({ id: `phase-${i}`, name, weight: 1 })),
    }),
  }
  for (let n = 0; n < count; n++) {
    const topicIndex = Math.floor(random() * topics.length)
    const topic = words(topics[topicIndex] as string)
    const text = [pick(topic), pick(commonWords), pick(topic), pick(commonWords), pick(topic)]
      .concat(random() < 0.5 ? [pick(commonWords)] : [])
      .join(' ')
    // Topics sit mostly in one phase, with some spread along the timeline.
    const phase = (topicIndex + (random() < 0.2 ? 1 : 0)) % phaseNames.length
    const x = phase * phaseWidth + Math.round(random() * phaseWidth)
    const record = stickyRecord({
      n,
      x,
      y: -600 + Math.round(random() * 400),
      text,
      kind: 'pain',
      authorId: `p-${n % 97}`,
    })
    records[record.id as string] = record
  }
  return {
    board: { id: 'BenchBoard000000000000', name: `Synthetic workshop: ${count} pain points` },
    maps: {
      records,
      session: { step: 6, vote: { status: 'closed', budget: 5, round: 1 } },
      clusters: {},
      suggestionDecisions: {},
      votes: {},
      assessments: {},
      ballots: {},
    },
  }
}

/**
 * The facilitator accepts every suggestion, 50 participants spend their dots on the clusters,
 * and the top clusters get value and effort: the board the backlog is then built from.
 */
export function acceptAndVote(
  maps: BoardMapsJson,
  suggestions: readonly ClusterSuggestion[],
): BoardMapsJson {
  const random = seededRandom(suggestions.length + 1)
  const clusters: Record<string, unknown> = {}
  for (const s of suggestions) {
    const id = `cluster:${s.key.slice('suggestion:'.length)}`
    clusters[id] = {
      id,
      name: s.name,
      memberIds: s.memberIds,
      createdAt: '2026-11-24T11:00:00.000Z',
      createdBy: 'p-facilitator',
      source: 'suggestion',
      suggestionKey: s.key,
    }
  }
  const ids = Object.keys(clusters)
  const votes: Record<string, unknown> = {}
  for (let p = 0; p < 50 && ids.length > 0; p++) {
    const dots: Record<string, number> = {}
    for (let d = 0; d < 5; d++) {
      const target = ids[Math.floor(random() * ids.length)] as string
      dots[target] = (dots[target] ?? 0) + 1
    }
    votes[`p-${p}`] = { participantName: `Participant ${p}`, round: 1, dots }
  }
  const assessments: Record<string, unknown> = {}
  for (const id of ids.slice(0, 20)) {
    assessments[id] = {
      mode: 'facilitator',
      value: 1 + Math.floor(random() * 5),
      effort: 1 + Math.floor(random() * 5),
      revealed: false,
      classification: { urgency: null, horizon: null },
    }
  }
  return { ...maps, clusters, votes, assessments }
}
