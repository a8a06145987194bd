/**
 * `?focus=<clusterId or stickyId>`: what the backlog exports link to. Returns the target and the
 * search string to leave behind, without `focus`, so a reload does not jump back to it.
 */
export function readFocusParam(search: string): { target: string; rest: string } | null {
  const params = new URLSearchParams(search)
  const target = params.get('focus')?.trim()
  if (target === undefined || target === '') return null
  params.delete('focus')
  const rest = params.toString()
  return { target, rest: rest === '' ? '' : `?${rest}` }
}

export function isClusterId(id: string): boolean {
  return id.startsWith('cluster:')
}
