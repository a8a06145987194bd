import type {
  CheckpointContent,
  CheckpointCreated,
  CheckpointList,
  RestoreDone,
  UndoDone,
} from '@stormline/shared/history/history-api'
import { apiBoardPath, jsonBody, requestJson } from './client.ts'

/**
 * The board history's calls (shared/src/history/history-api.ts holds the contract). The board
 * cookie authorises them; the server decides what each role may do, and a refusal is an
 * ApiError carrying its code and message.
 */

const historyPath = (boardId: string, checkpointId?: string): string =>
  `${apiBoardPath(boardId)}/history${checkpointId === undefined ? '' : `/${encodeURIComponent(checkpointId)}`}`

/** The board's checkpoints, newest first, with the retention the server applies. */
export function listCheckpoints(boardId: string): Promise<CheckpointList> {
  return requestJson<CheckpointList>(historyPath(boardId))
}

/** Saves the board as it is now under a name (participants and facilitators). */
export function saveCheckpoint(boardId: string, name: string): Promise<CheckpointCreated> {
  return requestJson<CheckpointCreated>(historyPath(boardId), {
    method: 'POST',
    ...jsonBody({ name }),
  })
}

/** What the board held at a checkpoint, for the read-only view. */
export function getCheckpoint(boardId: string, checkpointId: string): Promise<CheckpointContent> {
  return requestJson<CheckpointContent>(historyPath(boardId, checkpointId))
}

/** Puts the board back to a checkpoint, as a new change everyone sees (facilitator). */
export function restoreCheckpoint(boardId: string, checkpointId: string): Promise<RestoreDone> {
  return requestJson<RestoreDone>(`${historyPath(boardId, checkpointId)}/restore`, {
    method: 'POST',
  })
}

/** Undoes the restore that `beforeRestoreId` (a `before-restore` checkpoint) precedes. */
export function undoRestore(boardId: string, beforeRestoreId: string): Promise<UndoDone> {
  return requestJson<UndoDone>(`${historyPath(boardId, beforeRestoreId)}/undo`, {
    method: 'POST',
  })
}

/** Deletes a checkpoint saved by hand (facilitator); automatic ones go by retention. */
export async function deleteCheckpoint(boardId: string, checkpointId: string): Promise<void> {
  await requestJson<null>(historyPath(boardId, checkpointId), { method: 'DELETE' })
}
