import { type Assessment, type Ballot, ballotKey } from '@stormline/shared/backlog/assessment'
import { readAssessment, readBallot } from '@stormline/shared/backlog/estimates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'

/**
 * Value and effort in the Y.Doc: the facilitator's assessment per target in the assessments map,
 * and each participant's private planning-poker ballot in the ballots map under
 * `${targetId}|${participantId}` (written only by that participant).
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

/** Writes my own ballot for a target, keeping whichever of value and effort the patch leaves out. */
export function updateMyBallot(
  doc: Y.Doc,
  me: { id: string; name: string },
  targetId: string,
  patch: Partial<Pick<Ballot, 'value' | 'effort'>>,
): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(docLayout.ballots)
    const key = ballotKey(targetId, me.id)
    const current = readBallot(map.get(key))
    const next: Ballot = {
      targetId,
      participantId: me.id,
      participantName: me.name,
      value: current?.value ?? null,
      effort: current?.effort ?? null,
      ...patch,
    }
    map.set(key, next)
  })
}
