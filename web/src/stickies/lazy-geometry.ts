import {
  type Box,
  Geometry2d,
  type Geometry2dFilters,
  type Geometry2dOptions,
  unsafe__withoutCapture,
  type Vec,
  type VecLike,
} from 'tldraw'

/**
 * A geometry that builds the real one only when something asks about its shape. Its flags
 * (label, filled, left out of the shape's bounds...) are known up front, so a group holding it
 * can compute the shape's bounds, and hit tests that skip labels can run, without building it.
 * Every question about the geometry itself is answered by the real one, so once built it behaves
 * exactly like it. `transform` is inherited: it wraps `this`, which stays lazy.
 */
export class LazyGeometry2d extends Geometry2d {
  private readonly build: () => Geometry2d
  private built: Geometry2d | undefined

  constructor(build: () => Geometry2d, options: Geometry2dOptions) {
    super(options)
    this.build = build
  }

  get isBuilt(): boolean {
    return this.built !== undefined
  }

  /** The real geometry, built on first use. */
  get geometry(): Geometry2d {
    // Built once and kept, whatever reactive context happens to ask first: that context must not
    // come to depend on what the build reads (the owner's computed already tracks it).
    this.built ??= unsafe__withoutCapture(this.build)
    return this.built
  }

  override getBoundsVertices(): Vec[] {
    // Same answer as Geometry2d's, without building: a label is left out of the shape's bounds.
    if (this.excludeFromShapeBounds) return []
    return this.geometry.getBoundsVertices()
  }

  override getVertices(filters: Geometry2dFilters): Vec[] {
    return this.geometry.getVertices(filters)
  }

  override nearestPoint(point: VecLike, filters?: Geometry2dFilters): Vec {
    return this.geometry.nearestPoint(point, filters)
  }

  override hitTestPoint(
    point: VecLike,
    margin?: number,
    hitInside?: boolean,
    filters?: Geometry2dFilters,
  ): boolean {
    return this.geometry.hitTestPoint(point, margin, hitInside, filters)
  }

  override distanceToPoint(point: VecLike, hitInside?: boolean, filters?: Geometry2dFilters) {
    return this.geometry.distanceToPoint(point, hitInside, filters)
  }

  override distanceToLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters) {
    return this.geometry.distanceToLineSegment(A, B, filters)
  }

  override hitTestLineSegment(
    A: VecLike,
    B: VecLike,
    distance?: number,
    filters?: Geometry2dFilters,
  ): boolean {
    return this.geometry.hitTestLineSegment(A, B, distance, filters)
  }

  override intersectLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters) {
    return this.geometry.intersectLineSegment(A, B, filters)
  }

  override intersectCircle(center: VecLike, radius: number, filters?: Geometry2dFilters) {
    return this.geometry.intersectCircle(center, radius, filters)
  }

  override intersectPolygon(polygon: VecLike[], filters?: Geometry2dFilters) {
    return this.geometry.intersectPolygon(polygon, filters)
  }

  override intersectPolyline(polyline: VecLike[], filters?: Geometry2dFilters) {
    return this.geometry.intersectPolyline(polyline, filters)
  }

  override interpolateAlongEdge(t: number, filters?: Geometry2dFilters): Vec {
    return this.geometry.interpolateAlongEdge(t, filters)
  }

  override uninterpolateAlongEdge(point: VecLike, filters?: Geometry2dFilters): number {
    return this.geometry.uninterpolateAlongEdge(point, filters)
  }

  override isPointInBounds(point: VecLike, margin?: number): boolean {
    return this.geometry.isPointInBounds(point, margin)
  }

  override overlapsPolygon(polygon: VecLike[]): boolean {
    return this.geometry.overlapsPolygon(polygon)
  }

  override getBounds(): Box {
    return this.geometry.getBounds()
  }

  override getArea(): number {
    return this.geometry.getArea()
  }

  override getLength(filters?: Geometry2dFilters): number {
    return this.geometry.getLength(filters)
  }

  override ignoreHit(point: VecLike): boolean {
    return this.geometry.ignoreHit(point)
  }

  override toSimpleSvgPath(): string {
    return this.geometry.toSimpleSvgPath()
  }

  override getSvgPathData(first: boolean): string {
    return this.geometry.getSvgPathData(first)
  }
}
