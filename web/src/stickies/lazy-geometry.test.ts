import { Geometry2dFilters, Group2d, Mat, Rectangle2d, Vec } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { LazyGeometry2d } from './lazy-geometry.ts'

const labelOptions = {
  isClosed: true,
  isFilled: true,
  isLabel: true,
  excludeFromShapeBounds: true,
}

function lazyLabel() {
  const real = new Rectangle2d({ x: 20, y: 70, width: 160, height: 60, ...labelOptions })
  let builds = 0
  const lazy = new LazyGeometry2d(() => {
    builds++
    return real
  }, labelOptions)
  return { real, lazy, builds: () => builds }
}

function noteWith(label: LazyGeometry2d) {
  return new Group2d({
    children: [new Rectangle2d({ width: 200, height: 200, isFilled: true }), label],
  })
}

describe('LazyGeometry2d', () => {
  it('is not built for the bounds of its group, nor for hit tests that skip labels', () => {
    const { lazy, builds } = lazyLabel()
    const note = noteWith(lazy)
    expect(note.bounds.toJson()).toEqual({ x: 0, y: 0, w: 200, h: 200 })
    expect(note.vertices).toHaveLength(4)
    expect(note.hitTestPoint(new Vec(100, 100), 0, true)).toBe(true)
    expect(note.hitTestLineSegment(new Vec(-10, 100), new Vec(10, 100), 0)).toBe(true)
    expect(note.getSvgPathData()).toContain('M0,0')
    expect(note.transform(new Mat(2, 0, 0, 2, 5, 5)).bounds.w).toBe(400)
    expect(builds()).toBe(0)
  })

  it('answers like the real geometry once asked, and builds it once', () => {
    const { real, lazy, builds } = lazyLabel()
    const inside = new Vec(100, 100)
    const outside = new Vec(0, 0)
    expect(lazy.bounds.toJson()).toEqual(real.bounds.toJson())
    expect(lazy.vertices).toEqual(real.vertices)
    expect(lazy.isPointInBounds(inside)).toBe(true)
    expect(lazy.isPointInBounds(outside)).toBe(false)
    expect(lazy.distanceToPoint(outside)).toBe(real.distanceToPoint(outside))
    expect(lazy.nearestPoint(outside)).toEqual(real.nearestPoint(outside))
    expect(lazy.hitTestPoint(inside, 0, true)).toBe(real.hitTestPoint(inside, 0, true))
    expect(lazy.area).toBe(real.area)
    expect(lazy.length).toBe(real.length)
    expect(lazy.getSvgPathData(true)).toBe(real.getSvgPathData())
    expect(lazy.intersectLineSegment(outside, inside)).toEqual(
      real.intersectLineSegment(outside, inside),
    )
    const shift = { a: 1, b: 0, c: 0, d: 1, e: 10, f: 0 }
    expect(lazy.transform(shift).vertices).toEqual(real.transform(shift).vertices)
    expect(builds()).toBe(1)
  })

  it('is built when its group is hit-tested with labels included', () => {
    const { lazy, builds } = lazyLabel()
    const note = noteWith(lazy)
    expect(note.getVertices(Geometry2dFilters.INCLUDE_ALL)).toHaveLength(8)
    expect(builds()).toBe(1)
    expect(lazy.isBuilt).toBe(true)
  })
})
