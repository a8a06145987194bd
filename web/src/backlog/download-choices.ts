import {
  type BacklogFormat,
  type TrackerFormat,
  trackerFormats,
} from '@stormline/shared/backlog/export-backlog'

/**
 * The backlog panel's download buttons, in two rows: the backlog as a file (Markdown, CSV,
 * JSON), and the files to import into a tracker (Jira, GitHub, Linear). A tracker button's
 * accessible name says what the file is for and holds its visible label, so speech input
 * ("click Jira") and screen readers agree.
 */

export interface DownloadChoice {
  format: BacklogFormat
  /** The button's visible text. */
  label: string
  /** Its accessible name (and tooltip), when the label alone does not say enough. */
  description: string | null
}

export interface DownloadRow {
  /** Shown before the buttons, and names their group. */
  heading: string
  choices: DownloadChoice[]
}

const trackerChoices: Readonly<Record<TrackerFormat, DownloadChoice>> = {
  jira: { format: 'jira', label: 'Jira', description: 'Jira: CSV for Jira’s CSV import' },
  github: {
    format: 'github',
    label: 'GitHub',
    description: 'GitHub: issues as JSON for gh issue create (see the README)',
  },
  linear: { format: 'linear', label: 'Linear', description: 'Linear: CSV for Linear’s import' },
}

export const downloadRows: readonly DownloadRow[] = [
  {
    heading: 'Download',
    choices: [
      { format: 'md', label: 'Markdown', description: null },
      { format: 'csv', label: 'CSV', description: null },
      { format: 'json', label: 'JSON', description: null },
    ],
  },
  { heading: 'For trackers', choices: trackerFormats.map((format) => trackerChoices[format]) },
]
