import { type ClusterRecord, visibleClusters } from '@stormline/shared/backlog/clusters'
import { createContext, useContext, useMemo } from 'react'
import { type TLShapeId, useEditor, useValue } from 'tldraw'
import {
  clusterSizes,
  labelSlotStyle,
  labelStyle,
  layoutLabels,
  outlineAround,
  outlinePadding,
  outlineStyle,
} from '../clusters/cluster-view.ts'
import { isPainPointShape } from '../clusters/pain-points.ts'

/** The checkpoint's `clusters` map, for tldraw's OnTheCanvas slot (which takes no props). */
export const CheckpointClustersContext = createContext<Readonly<Record<string, unknown>>>({})

/**
 * A checkpoint's clusters in its read-only view: the outline around each cluster's members and
 * its name above, laid out as the live board lays them (clusters/cluster-view.ts), so a group
 * someone deleted by mistake is recognisable. Names only: nothing here selects or votes.
 */
export function CheckpointClusters() {
  const raw = useContext(CheckpointClustersContext)
  const editor = useEditor()
  const clusters = useMemo(
    () => visibleClusters(raw, (id) => isPainPointShape(editor.getShape(id as TLShapeId))),
    [raw, editor],
  )
  const outlines = useValue(
    'checkpoint cluster outlines',
    () =>
      clusters.flatMap((cluster: ClusterRecord) => {
        const bounds = cluster.memberIds.flatMap(
          (id) => editor.getShapePageBounds(id as TLShapeId) ?? [],
        )
        const box = outlineAround(bounds, outlinePadding)
        return box === null ? [] : [{ cluster, box }]
      }),
    [editor, clusters],
  )
  // Readable on screen whatever the zoom, as on the live board.
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const { fontSize, stroke } = clusterSizes(zoom)
  const slots = layoutLabels(
    outlines.map(({ cluster, box }) => ({
      id: cluster.id,
      name: cluster.name,
      box,
      withRow: false,
    })),
    fontSize,
  )
  const s = labelStyle
  return (
    <>
      {outlines.map(({ cluster, box }) => (
        <div
          key={cluster.id}
          className="stormline-cluster-outline"
          style={outlineStyle(box, stroke)}
        />
      ))}
      {slots.map((slot) => {
        const name = outlines.find(({ cluster }) => cluster.id === slot.id)?.cluster.name ?? ''
        return (
          <div
            key={slot.id}
            className="stormline-cluster-label"
            data-testid="checkpoint-cluster-label"
            style={{ ...labelSlotStyle(slot, fontSize), pointerEvents: 'none' }}
          >
            <span
              className="stormline-cluster-label__name"
              title={name}
              style={{ lineHeight: s.lineHeight, WebkitLineClamp: slot.lines }}
            >
              {name}
            </span>
          </div>
        )
      })}
    </>
  )
}
