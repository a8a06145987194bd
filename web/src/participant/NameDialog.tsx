import { type FormEvent, useId, useState } from 'react'
import { maxDisplayNameLength, normalizeDisplayName } from './identity.ts'

interface NameDialogProps {
  initialName: string | null
  onSubmit(name: string): void
  /** Absent on first visit: a name is needed before joining. */
  onCancel?: () => void
}

export function NameDialog({ initialName, onSubmit, onCancel }: NameDialogProps) {
  const [value, setValue] = useState(initialName ?? '')
  const titleId = useId()
  const name = normalizeDisplayName(value)

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    if (name !== null) onSubmit(name)
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
        onKeyDown={(event) => {
          // Keys typed here must not reach tldraw's shortcuts underneath.
          event.stopPropagation()
          if (event.key === 'Escape' && onCancel) onCancel()
        }}
      >
        <h2 id={titleId}>
          {initialName === null ? 'Welcome! What should we call you?' : 'Your name'}
        </h2>
        <p className="dialog__hint">Shown next to your cursor and on the stickies you write.</p>
        <input
          data-testid="display-name-input"
          aria-label="Display name"
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to ask for this one field.
          autoFocus
          maxLength={maxDisplayNameLength}
          placeholder="e.g. Ada from Payments"
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <div className="dialog__actions">
          {onCancel && (
            <button type="button" className="button button--quiet" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button
            type="submit"
            className="button"
            data-testid="display-name-submit"
            disabled={name === null}
          >
            {initialName === null ? 'Join board' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  )
}
