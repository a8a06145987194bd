import { backlogFileName, backlogFormats } from '@stormline/shared/backlog/export-backlog'

/**
 * Downloads come from the server (`GET /api/boards/:id/backlog`), not from the browser's copy,
 * so the UI, the API and the CLI hand out byte-identical files.
 */
export function BacklogDownloads({ boardId, boardName }: { boardId: string; boardName: string }) {
  return (
    <div className="stormline-backlog__downloads">
      <span>Download</span>
      {backlogFormats.map((format) => (
        <a
          key={format}
          className="stormline-button"
          href={`/api/boards/${encodeURIComponent(boardId)}/backlog?format=${format}`}
          download={backlogFileName(boardName, format)}
          data-testid={`download-${format}`}
        >
          {format === 'md' ? 'Markdown' : format.toUpperCase()}
        </a>
      ))}
    </div>
  )
}
