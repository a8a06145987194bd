import { suggestClusters } from '@stormline/shared/backlog/suggest-clusters'
import type { ClusterSuggestion } from '@stormline/shared/backlog/suggestion-types'
import { readBoard } from '@stormline/shared/board/read-board'
import { useEffect, useMemo } from 'react'
import { useEditor } from 'tldraw'
import { useBoardMaps } from '../backlog/use-board-maps.ts'
import { useBoardUi } from '../board/board-context.ts'
import { clusterMembers, selectCluster } from './cluster-actions.ts'
import { rejectSuggestion } from './cluster-store.ts'
import { activateCluster, clusterUiState } from './cluster-ui-state.ts'
import { visibleClusters } from './cluster-view.ts'
import { openSuggestions, painPointInputs } from './suggestion-inputs.ts'
import { useStableValue } from './use-stable-value.ts'
import './clusters.css'

/**
 * The facilitator's cluster suggestions, the body of the cockpit's Cluster suggestions section
 * (mounted only while it is open: suggesting runs over every pain point).
 */
export function SuggestionList() {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  const ui = clusterUiState(editor)
  const maps = useBoardMaps(doc)
  const model = useMemo(() => readBoard(maps.records, maps.session), [maps.records, maps.session])
  const pain = useMemo(
    () => new Map(model.stickies.filter((s) => s.kind === 'pain').map((s) => [s.id, s])),
    [model],
  )
  const clustered = useMemo(
    () => new Set(visibleClusters(maps.clusters, (id) => pain.has(id)).flatMap((c) => c.memberIds)),
    [maps.clusters, pain],
  )
  const inputs = useStableValue(painPointInputs(model.stickies, clustered))
  const phases = useStableValue(model.timeline?.phases ?? [])
  const decisions = useStableValue(maps.suggestionDecisions)
  const result = useMemo(() => suggestClusters(inputs, phases), [inputs, phases])
  const suggestions = useMemo(
    () => openSuggestions(result.suggestions, decisions),
    [result, decisions],
  )
  const suggested = new Set(suggestions.flatMap((s) => s.memberIds))
  const unclustered = inputs.filter((p) => !suggested.has(p.id)).length

  // A highlight must not outlive the list it came from.
  useEffect(
    () => () => {
      ui.highlighted.set([])
    },
    [ui],
  )

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

  return (
    <div className="stormline-suggestions__body" data-testid="cluster-suggestions">
      <p className="stormline-suggestions__hint" data-testid="suggestions-unclustered">
        {inputs.length} pain point{inputs.length === 1 ? '' : 's'} in no cluster
        {suggestions.length > 0 ? `; ${unclustered} fit no suggestion` : ''}.
      </p>
      {suggestions.length === 0 && (
        <p className="stormline-suggestions__hint">No suggestions for the remaining pain points.</p>
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
            <span>{suggestion.name}</span>
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
              onClick={() => accept(suggestion)}
            >
              Accept
            </button>
            <button
              type="button"
              data-testid={`suggestion-edit-${index}`}
              onClick={() => edit(suggestion)}
            >
              Edit
            </button>
            <button
              type="button"
              data-testid={`suggestion-reject-${index}`}
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
