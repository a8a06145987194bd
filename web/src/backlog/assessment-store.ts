import type { Assessment } from '@stormline/shared/backlog/assessment'
import { readAssessment } from '@stormline/shared/backlog/estimates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import type * as Y from 'yjs'
import { type MyBallot, readMyBallot } from './poker-view.ts'

/**
 * Value and effort (ADR 0013): the facilitator's assessment per target in the board's
 * assessments map; each person's planning-poker ballot in their own private document
 * (`ballots[targetId]`), which nobody else receives until the facilitator reveals the round.
 */

export const unassessed: Assessment = {
  mode: 'facilitator',
  value: null,
  effort: null,
  revealed: false,
  classification: { urgency: null, horizon: null },
}

export type AssessmentPatch = Partial<Omit<Assessment, 'classification'>> & {
  classification?: Partial<Assessment['classification']>
}

/** Merges a patch into the target's assessment as it is in the doc. */
export function updateAssessment(doc: Y.Doc, targetId: string, patch: AssessmentPatch): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(docLayout.assessments)
    const current = readAssessment(map.get(targetId)) ?? unassessed
    const next: Assessment = {
      ...current,
      ...patch,
      classification: { ...current.classification, ...patch.classification },
    }
    map.set(targetId, next)
  })
}

/** A ballot as the private document stores it: the name shows at the reveal ('' when anonymous). */
export interface StoredBallot extends MyBallot {
  name: string
}

/**
 * Writes my own ballot for a target into my private document, keeping whichever of value and
 * effort the patch leaves out.
 */
export function updateMyBallot(
  privateDoc: Y.Doc,
  name: string,
  targetId: string,
  patch: Partial<MyBallot>,
): void {
  privateDoc.transact(() => {
    const map = privateDoc.getMap<unknown>(privateLayout.ballots)
    const current = readMyBallot(map.get(targetId))
    const next: StoredBallot = {
      value: current?.value ?? null,
      effort: current?.effort ?? null,
      ...patch,
      name,
    }
    map.set(targetId, next)
  })
}
