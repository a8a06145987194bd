import { type BacklogFormat, backlogFileName } from '@stormline/shared/backlog/export-backlog'
import { type MouseEvent, useId, useState } from 'react'
import { tokenOfLink } from '../access/link-token.ts'
import { useSavedLinks } from '../access/use-saved-links.ts'
import { saveFile } from '../export-image/save-file.ts'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { backlogFileUrl, fetchSharedBacklogFile } from './backlog-file.ts'
import { type DownloadRow, downloadRows } from './download-choices.ts'

/**
 * Downloads come from the server (`GET /api/boards/:id/backlog`), not from the browser's copy,
 * so the UI, the API and the CLI hand out byte-identical files.
 *
 * The facilitator can choose that the links in the file open the board read-only for anyone who
 * has it. The server keeps only token hashes, so the viewer token comes from the links this
 * browser saved (Share); the download is then fetched with it in a header and saved from here.
 * Without that choice the links are plain: they open the board only for people on it already.
 */
export function BacklogDownloads({ boardId, boardName }: { boardId: string; boardName: string }) {
  const role = useBoardRole()
  const [links] = useSavedLinks(boardId)
  const viewerToken = tokenOfLink(links.viewer)
  const [share, setShare] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const shareId = useId()
  const sharing = share && viewerToken !== null

  const downloadShared = async (event: MouseEvent, format: BacklogFormat): Promise<void> => {
    if (!sharing) return
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setMessage(null)
    const result = await fetchSharedBacklogFile(boardId, format, viewerToken)
    setBusy(false)
    if (result.ok) saveFile(result.blob, backlogFileName(boardName, format))
    else setMessage(result.message)
  }

  const row = ({ heading, choices }: DownloadRow) => (
    <div key={heading} className="stormline-backlog__download-row">
      <span>{heading}</span>
      {choices.map((choice) => (
        <a
          key={choice.format}
          className="stormline-button"
          href={backlogFileUrl(boardId, choice.format)}
          download={backlogFileName(boardName, choice.format)}
          data-testid={`download-${choice.format}`}
          aria-label={choice.description ?? undefined}
          title={choice.description ?? undefined}
          aria-busy={busy}
          onClick={(event) => void downloadShared(event, choice.format)}
        >
          {choice.label}
        </a>
      ))}
    </div>
  )

  return (
    <div className="stormline-backlog__downloads">
      {downloadRows.map(row)}
      {role === 'facilitator' &&
        (viewerToken !== null ? (
          <label className="stormline-backlog__share" htmlFor={shareId}>
            <input
              id={shareId}
              type="checkbox"
              checked={share}
              onChange={(event) => setShare(event.target.checked)}
              data-testid="export-share-viewer"
            />
            <span>
              Links open the board read-only for anyone who has the file
              <small>
                The file then works like the viewer link; renewing the viewer link in Share takes
                that access back.
              </small>
            </span>
          </label>
        ) : (
          <p className="stormline-backlog__share-hint" data-testid="export-share-unavailable">
            Links in the file open the board only for people on it already. To share read-only
            access with the file, this browser needs the board’s viewer link (Share).
          </p>
        ))}
      {message !== null && (
        <p className="stormline-backlog__message" role="alert" data-testid="export-message">
          {message}
        </p>
      )}
    </div>
  )
}
