import type { SerializedSchema } from '@stormline/shared/sync/board-schema'

/**
 * The tldraw schema of the app before record layout v2 (commit 4d8a227: tldraw 5.4.2 plus the
 * timeline shape), as its clients wrote it into `meta.tldrawSchema`. A board whose meta lacks a
 * schema (a board file written by hand, a store that lost its meta) is read as written by that
 * app: every board of layout v1 was. Frozen on purpose: it must not follow later upgrades.
 */
export const legacyAppSchema: SerializedSchema = {
  schemaVersion: 2,
  sequences: {
    'com.tldraw.store': 5,
    'com.tldraw.asset': 1,
    'com.tldraw.camera': 1,
    'com.tldraw.document': 2,
    'com.tldraw.instance': 26,
    'com.tldraw.instance_page_state': 5,
    'com.tldraw.page': 1,
    'com.tldraw.instance_presence': 6,
    'com.tldraw.pointer': 1,
    'com.tldraw.shape': 4,
    'com.tldraw.user': 1,
    'com.tldraw.asset.image': 6,
    'com.tldraw.asset.video': 5,
    'com.tldraw.asset.bookmark': 2,
    'com.tldraw.shape.group': 0,
    'com.tldraw.shape.text': 4,
    'com.tldraw.shape.bookmark': 2,
    'com.tldraw.shape.draw': 5,
    'com.tldraw.shape.geo': 12,
    'com.tldraw.shape.note': 13,
    'com.tldraw.shape.line': 5,
    'com.tldraw.shape.frame': 1,
    'com.tldraw.shape.arrow': 8,
    'com.tldraw.shape.highlight': 4,
    'com.tldraw.shape.embed': 4,
    'com.tldraw.shape.image': 5,
    'com.tldraw.shape.video': 4,
    'com.tldraw.shape.timeline': 0,
    'com.tldraw.binding.arrow': 1,
  },
}
