import { pageRecord, timelineRecord } from '../testing/board-records.ts'
import type { BoardMapsJson } from './board-maps.ts'

/**
 * A finished workshop as it sits in the Y.Doc: a three-phase timeline, steps
 * with overlays, pain points in two clusters, a closed vote and assessments,
 * and one pain point nobody clustered or voted for.
 * Used by the backlog and export tests (and their golden files); the odd
 * sticky texts are deliberate.
 */

const text = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((t) => ({
    type: 'paragraph',
    content: t ? [{ type: 'text', text: t }] : [],
  })),
})

function note(
  id: string,
  kind: string,
  x: number,
  y: number,
  words: string | string[],
  author: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    parentId: 'page:page',
    props: {
      color: 'black',
      richText: text(...(Array.isArray(words) ? words : [words])),
      scale: 1,
      growY: 0,
    },
    meta: {
      stormline: {
        kind,
        authorId: `p-${author.toLowerCase()}`,
        authorName: author,
        createdAt: '2026-11-23T10:00:00.000Z',
        context: '',
        needsDeepDive: false,
        durationMinutes: null,
        ...extra,
      },
    },
  }
}

const records = [
  pageRecord,
  timelineRecord({
    w: 3000,
    h: 160,
    startLabel: 'Project start',
    endLabel: 'Live in production',
    phases: [
      { id: 'env', name: 'Environments & infrastructure', weight: 1 },
      { id: 'review', name: 'Security & compliance review', weight: 1 },
      { id: 'release', name: 'Release', weight: 1 },
    ],
  }),
  // Steps, with the overlays that sit on them.
  note('shape:step-vm', 'step', 300, -600, 'Request a VM', 'Ada'),
  note('shape:tech-jira', 'tech', 300, -380, 'Jira service desk', 'Ben'),
  note('shape:team-net', 'team', 520, -600, 'Network team', 'Ben'),
  note('shape:step-pentest', 'step', 1300, -600, 'Book a pen test', 'Cleo'),
  note('shape:team-sec', 'team', 1300, -380, 'Security office', 'Cleo'),
  note('shape:step-cab', 'step', 2300, -600, 'Change advisory board', 'Ada'),
  // Pain points.
  note('shape:pain-vm-wait', 'pain', 320, -580, 'VM requests take two weeks', 'Ada', {
    context: 'Tickets wait in the network team queue, then get bounced for missing fields.',
    needsDeepDive: true,
  }),
  note(
    'shape:pain-vm-form',
    'pain',
    340,
    -560,
    ['VM request form asks for', 'cost centre *and* owner'],
    'Ben',
  ),
  note('shape:pain-firewall', 'pain', 600, -560, 'Firewall rules for new VMs are manual', 'Cleo'),
  note('shape:pain-pentest', 'pain', 1320, -580, 'Pen test slots booked 6 weeks out', 'Cleo'),
  note(
    'shape:pain-cab',
    'pain',
    2320,
    -580,
    'CAB meets once a week; a missed slot = 7 days',
    'Ada',
  ),
  note(
    'shape:pain-formula',
    'pain',
    2600,
    300,
    '=HYPERLINK("http://evil.example","click")',
    'Mallory',
  ),
  note(
    'shape:pain-markdown',
    'pain',
    1600,
    400,
    '# Not a heading [link](javascript:alert(1)) <b>bold</b> 🔥',
    'Ben',
  ),
  // In no cluster, no votes, no assessment: unranked ("Not voted yet").
  note('shape:pain-staging', 'pain', 2560, -580, 'Staging data is months old', 'Dan', {
    context: 'Refreshed by hand, when someone remembers.',
    needsDeepDive: true,
  }),
]

export const workshopBoard = { id: 'FixtureBoardId00000000', name: 'Path to production: payments' }

export const workshopMaps: BoardMapsJson = {
  records: Object.fromEntries(records.map((r) => [r.id, r])),
  session: { step: 6, vote: { status: 'closed', budget: 5, round: 2 } },
  clusters: {
    'cluster:vm': {
      id: 'cluster:vm',
      name: 'VM provisioning',
      memberIds: ['shape:pain-vm-wait', 'shape:pain-vm-form', 'shape:pain-firewall', 'shape:gone'],
      createdAt: '2026-11-23T11:00:00.000Z',
      createdBy: 'p-ada',
      source: 'suggestion',
      suggestionKey: 'suggestion:abc',
    },
    'cluster:approvals': {
      id: 'cluster:approvals',
      name: 'Slow approvals',
      memberIds: ['shape:pain-pentest', 'shape:pain-cab'],
      createdAt: '2026-11-23T11:05:00.000Z',
      createdBy: 'p-cleo',
      source: 'manual',
    },
  },
  suggestionDecisions: {},
  votes: {
    'p-ada': {
      participantName: 'Ada',
      round: 2,
      dots: { 'cluster:vm': 3, 'cluster:approvals': 2 },
    },
    'p-ben': {
      participantName: 'Ben',
      round: 2,
      dots: { 'cluster:vm': 1, 'shape:pain-formula': 4 },
    },
    'p-cleo': { participantName: 'Cleo', round: 2, dots: { 'cluster:approvals': 5 } },
    'p-dan': { participantName: 'Dan', round: 2, dots: { 'shape:pain-markdown': 1 } },
    // Over budget (a modified client): only 5 count.
    'p-mallory': { participantName: 'Mallory', round: 2, dots: { 'shape:pain-formula': 9 } },
    // From the previous round: does not count.
    'p-old': { participantName: 'Old', round: 1, dots: { 'cluster:vm': 5 } },
  },
  assessments: {
    'cluster:vm': {
      mode: 'facilitator',
      value: 5,
      effort: 2,
      revealed: false,
      classification: { urgency: 'forced', horizon: 'short-term' },
    },
    'cluster:approvals': {
      mode: 'poker',
      value: null,
      effort: null,
      revealed: true,
      classification: { urgency: null, horizon: 'long-term' },
    },
  },
  ballots: {
    'cluster:approvals|p-ada': {
      targetId: 'cluster:approvals',
      participantId: 'p-ada',
      participantName: 'Ada',
      value: 4,
      effort: 4,
    },
    'cluster:approvals|p-ben': {
      targetId: 'cluster:approvals',
      participantId: 'p-ben',
      participantName: 'Ben',
      value: 5,
      effort: 2,
    },
    'cluster:approvals|p-cleo': {
      targetId: 'cluster:approvals',
      participantId: 'p-cleo',
      participantName: 'Cleo',
      value: 3,
      effort: 5,
    },
    // Key and body disagree: ignored.
    'cluster:approvals|p-eve': {
      targetId: 'cluster:approvals',
      participantId: 'p-ada',
      participantName: 'Eve',
      value: 1,
      effort: 1,
    },
  },
}
