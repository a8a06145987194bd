/**
 * Board templates: the timeline a facilitator starts from. Phase ids are
 * derived from the template so seeding the same template twice converges.
 */

export const boardTemplateIds = [
  'path-to-production',
  'post-mortem',
  'future-backwards',
  'blank',
] as const
export type BoardTemplateId = (typeof boardTemplateIds)[number]
export const defaultBoardTemplate: BoardTemplateId = 'path-to-production'

export interface BoardTemplate {
  id: BoardTemplateId
  label: string
  description: string
  /** Null for the blank template: no timeline. */
  timeline: { startLabel: string; endLabel: string; phases: string[] } | null
}

export const boardTemplates: Readonly<Record<BoardTemplateId, BoardTemplate>> = {
  'path-to-production': {
    id: 'path-to-production',
    label: 'Path to production',
    description: 'Everything that happens from the start of a project to being live with users.',
    timeline: {
      startLabel: 'Project start',
      endLabel: 'Live in production',
      phases: [
        'Idea & funding',
        'Team & access',
        'Environments & infrastructure',
        'Build & CI',
        'Security & compliance review',
        'Release',
        'Live & operate',
      ],
    },
  },
  'post-mortem': {
    id: 'post-mortem',
    label: 'Post-mortem',
    description: 'A timeline of what happened, from the start of an incident to its resolution.',
    timeline: {
      startLabel: 'Incident start',
      endLabel: 'Resolved',
      phases: ['Detection', 'Response', 'Diagnosis', 'Mitigation', 'Recovery', 'Follow-up'],
    },
  },
  'future-backwards': {
    id: 'future-backwards',
    label: 'Future backwards',
    description: 'From today to the goal: the steps and obstacles on the way there.',
    timeline: {
      startLabel: 'Today',
      endLabel: 'Goal reached',
      phases: ['Now', 'Next 3 months', 'Next 6 months', 'Next year', 'Goal'],
    },
  },
  blank: {
    id: 'blank',
    label: 'Blank',
    description: 'An empty board without a timeline.',
    timeline: null,
  },
}

export function isBoardTemplateId(value: unknown): value is BoardTemplateId {
  return typeof value === 'string' && (boardTemplateIds as readonly string[]).includes(value)
}

/** Stable phase id for the n-th phase of a template's timeline. */
export function templatePhaseId(template: BoardTemplateId, index: number): string {
  return `${template}-${index + 1}`
}
