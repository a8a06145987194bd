import { defaultShapeUtils, type TLAnyShapeUtilConstructor } from 'tldraw'
import { TimelineShapeUtil } from './TimelineShapeUtil.tsx'

/**
 * Our shapes, for both the store's schema (board-connection) and the editor (<Tldraw>): the two
 * must list the same utils, or the editor cannot render what the store holds.
 */
export const customShapeUtils: TLAnyShapeUtilConstructor[] = [TimelineShapeUtil]

/**
 * The store's full list: tldraw's defaults, where a custom util replaces the default of the
 * same type, as <Tldraw shapeUtils> does for the editor.
 */
export function withDefaultShapeUtils(
  custom: readonly TLAnyShapeUtilConstructor[],
): TLAnyShapeUtilConstructor[] {
  const customTypes = new Set(custom.map((util) => util.type))
  return [...defaultShapeUtils.filter((util) => !customTypes.has(util.type)), ...custom]
}
