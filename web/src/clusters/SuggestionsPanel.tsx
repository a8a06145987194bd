import { painPointInputs } from '@stormline/shared/backlog/board-suggestions'
import type { ClusterAddition, ClusterSuggestion } from '@stormline/shared/backlog/suggestion-types'
import { readBoard } from '@stormline/shared/board/read-board'
import { suggestForBoard } from '@stormline/shared/suggestions/suggest-for-board'
import { useEffect, useId, useMemo } from 'react'
import { useEditor } from 'tldraw'
import { useBoardMaps } from '../backlog/use-board-maps.ts'
import { useBoardUi } from '../board/board-context.ts'
import { addSelection, clusterMembers, selectCluster } from './cluster-actions.ts'
import { rejectSuggestion } from './cluster-store.ts'
import { activateCluster, clusterUiState } from './cluster-ui-state.ts'
import { visibleClusters } from './cluster-view.ts'
import { useStableValue } from './use-stable-value.ts'
import { useVocabulary } from './use-vocabulary.ts'
import './clusters.css'

/**
 * The facilitator's cluster suggestions, the body of the cockpit's Cluster suggestions section
 * (mounted only while it is open: suggesting runs over every pain point). First the pain points
 * that fit a cluster the group already made (ADR 0016), then new groups of the rest.
 */
export function SuggestionList() {
  const editor = useEditor()
  // Every card's buttons read the same ("Add", "Reject"): each is described by its card's title
  // and pain point, so a screen reader says which one it acts on.
  const idBase = useId()
  const { doc } = useBoardUi().connection
  const ui = clusterUiState(editor)
  const maps = useBoardMaps(doc)
  const vocabulary = useVocabulary()
  const model = useMemo(() => readBoard(maps.records, maps.session), [maps.records, maps.session])
  const pain = useMemo(
    () => new Map(model.stickies.filter((s) => s.kind === 'pain').map((s) => [s.id, s])),
    [model],
  )
  const clusters = useStableValue(
    visibleClusters(maps.clusters, (id) => pain.has(id)).map(({ id, name, memberIds }) => ({
      id,
      name,
      memberIds,
    })),
  )
  const inputs = useStableValue(painPointInputs(model.stickies))
  const phases = useStableValue(model.timeline?.phases ?? [])
  const decisions = useStableValue(maps.suggestionDecisions)
  const result = useMemo(
    () =>
      vocabulary === undefined
        ? null
        : suggestForBoard({ painPoints: inputs, clusters, phases, decisions, vocabulary }),
    [inputs, clusters, phases, decisions, vocabulary],
  )
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))
  const unclustered = inputs.filter((p) => !clustered.has(p.id)).length
  const placed = new Set([
    ...(result?.suggestions.flatMap((s) => s.memberIds) ?? []),
    ...(result?.additions.map((a) => a.painPointId) ?? []),
  ])

  // A highlight must not outlive the list it came from.
  useEffect(
    () => () => {
      ui.highlighted.set([])
    },
    [ui],
  )

  if (result === null) {
    return (
      <div className="stormline-suggestions__body" data-testid="cluster-suggestions">
        <p className="stormline-suggestions__hint">Loading suggestions…</p>
      </div>
    )
  }
  const { suggestions, additions } = result

  const accept = (suggestion: ClusterSuggestion): string => {
    ui.highlighted.set([])
    return clusterMembers(doc, suggestion.memberIds, {
      name: suggestion.name,
      source: 'suggestion',
      suggestionKey: suggestion.key,
    })
  }
  const edit = (suggestion: ClusterSuggestion): void => {
    const id = accept(suggestion)
    selectCluster(editor, id, suggestion.memberIds)
    activateCluster(editor, id, true)
  }
  const membersOf = (addition: ClusterAddition): string[] => [
    addition.painPointId,
    ...(clusters.find((c) => c.id === addition.clusterId)?.memberIds ?? []),
  ]

  return (
    <div className="stormline-suggestions__body" data-testid="cluster-suggestions">
      <p className="stormline-suggestions__hint" data-testid="suggestions-unclustered">
        {unclustered} pain point{unclustered === 1 ? '' : 's'} in no cluster
        {placed.size > 0 ? `; ${unclustered - placed.size} fit no suggestion` : ''}.
      </p>
      {additions.length > 0 && (
        <p className="stormline-suggestions__hint">Fits a cluster you made:</p>
      )}
      {additions.map((addition, index) => (
        <article
          key={addition.key}
          className="stormline-suggestion"
          data-testid={`addition-${index}`}
          onMouseEnter={() => ui.highlighted.set(membersOf(addition))}
          onMouseLeave={() => ui.highlighted.set([])}
        >
          <div className="stormline-suggestion__head">
            <span id={`${idBase}-addition-${index}`}>Add to “{addition.clusterName}”</span>
            <span title="Confidence">{Math.round(addition.confidence * 100)}%</span>
          </div>
          <ul>
            <li id={`${idBase}-addition-${index}-text`}>
              {pain.get(addition.painPointId)?.text || 'Untitled pain point'}
            </li>
          </ul>
          <p className="stormline-suggestion__reason">{addition.reason}</p>
          <div className="stormline-suggestion__actions">
            <button
              type="button"
              data-testid={`addition-accept-${index}`}
              aria-describedby={`${idBase}-addition-${index} ${idBase}-addition-${index}-text`}
              onClick={() => {
                ui.highlighted.set([])
                addSelection(doc, addition.clusterId, [addition.painPointId])
              }}
            >
              Add
            </button>
            <button
              type="button"
              data-testid={`addition-reject-${index}`}
              aria-describedby={`${idBase}-addition-${index} ${idBase}-addition-${index}-text`}
              onClick={() => {
                ui.highlighted.set([])
                rejectSuggestion(doc, addition.key)
              }}
            >
              Reject
            </button>
          </div>
        </article>
      ))}
      {suggestions.length === 0 && additions.length === 0 && (
        <p className="stormline-suggestions__hint">No suggestions for the remaining pain points.</p>
      )}
      {suggestions.length > 0 && additions.length > 0 && (
        <p className="stormline-suggestions__hint">New clusters:</p>
      )}
      {suggestions.map((suggestion, index) => (
        <article
          key={suggestion.key}
          className="stormline-suggestion"
          data-testid={`suggestion-${index}`}
          onMouseEnter={() => ui.highlighted.set(suggestion.memberIds)}
          onMouseLeave={() => ui.highlighted.set([])}
        >
          <div className="stormline-suggestion__head">
            <span id={`${idBase}-suggestion-${index}`}>{suggestion.name}</span>
            <span title="Confidence">{Math.round(suggestion.confidence * 100)}%</span>
          </div>
          <ul>
            {suggestion.memberIds.map((id) => (
              <li key={id}>{pain.get(id)?.text || 'Untitled pain point'}</li>
            ))}
          </ul>
          <p className="stormline-suggestion__reason">{suggestion.reason}</p>
          <div className="stormline-suggestion__actions">
            <button
              type="button"
              data-testid={`suggestion-accept-${index}`}
              aria-describedby={`${idBase}-suggestion-${index}`}
              onClick={() => accept(suggestion)}
            >
              Accept
            </button>
            <button
              type="button"
              data-testid={`suggestion-edit-${index}`}
              aria-describedby={`${idBase}-suggestion-${index}`}
              onClick={() => edit(suggestion)}
            >
              Edit
            </button>
            <button
              type="button"
              data-testid={`suggestion-reject-${index}`}
              aria-describedby={`${idBase}-suggestion-${index}`}
              onClick={() => {
                ui.highlighted.set([])
                rejectSuggestion(doc, suggestion.key)
              }}
            >
              Reject
            </button>
          </div>
        </article>
      ))}
    </div>
  )
}
