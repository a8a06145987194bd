import type { MouseEvent, ReactNode } from 'react'
import { navigate } from '../routing/routes.ts'

/** An ordinary link that navigates in-page, leaving modified clicks (new tab...) to the browser. */
export function Link({
  to,
  children,
  className,
}: {
  to: string
  children: ReactNode
  className?: string
}) {
  function onClick(event: MouseEvent<HTMLAnchorElement>): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} className={className} onClick={onClick}>
      {children}
    </a>
  )
}
