import type { BoardRole } from '@stormline/shared/access/roles'
import { useEffect, useRef, useState } from 'react'

interface CopyLinkProps {
  boardRole: BoardRole
  label: string
  hint: string
  /** Undefined when this browser does not know the link. */
  link: string | undefined
}

/** One role's link, selectable, with a copy button. */
export function CopyLink({ boardRole: role, label, hint, link }: CopyLinkProps) {
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  async function copy(): Promise<void> {
    if (link === undefined) return
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      // No clipboard access (permissions, plain http on a LAN address): select it for Ctrl+C.
      input.current?.select()
    }
  }

  return (
    <div className="stormline-share__link" data-role={role}>
      <span className="stormline-share__label">{label}</span>
      <span className="stormline-share__hint">{hint}</span>
      {link === undefined ? (
        <span className="stormline-share__missing" data-testid={`share-link-${role}-missing`}>
          Not known in this browser
        </span>
      ) : (
        <span className="stormline-share__row">
          <input
            ref={input}
            readOnly
            value={link}
            aria-label={`${label} link`}
            data-testid={`share-link-${role}`}
            onFocus={(event) => event.target.select()}
          />
          <button
            type="button"
            className="stormline-button"
            data-testid={`share-copy-${role}`}
            onClick={() => void copy()}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </span>
      )}
    </div>
  )
}
