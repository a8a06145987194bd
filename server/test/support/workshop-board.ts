import type { CreatedBoard } from '@stormline/shared/api/types'
import { ballotKey } from '@stormline/shared/backlog/assessment'
import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { readAssessment, readBallot } from '@stormline/shared/backlog/estimates'
import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import {
  readParticipantVotes,
  readVoteSession,
  voteSessionKey,
} from '@stormline/shared/backlog/voting'
import { workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, type JsonObject } from '@stormline/shared/sync/json-value'
import {
  type BoardRecord,
  completeRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import type { ServerProcess } from './server-process.ts'
import {
  castBallot,
  castDots,
  eventually,
  facilitatorTally,
  newMember,
  type Person,
  StockClients,
  sessionOf,
  synced,
} from './stock-clients.ts'

/**
 * The shared workshop fixture as its people would write it today (ADR 0013). The fixture lists
 * only the record fields the readers look at; the server refuses a record tldraw's validators
 * reject, so each record is completed with the fields tldraw requires (what the readers see is
 * unchanged).
 */
export const validWorkshopMaps: BoardMapsJson = {
  ...workshopMaps,
  records: Object.fromEntries(
    Object.entries(workshopMaps.records).map(([id, record]) => [
      id,
      completeRecord(record as BoardRecord),
    ]),
  ),
}

type Server = Pick<ServerProcess, 'httpUrl' | 'wsUrl'>

export interface WrittenWorkshop {
  /** The fixture's participant ids (`p-ada`) and the member each person became. */
  members: Map<string, string>
  /** The fixture's records as the board holds them: by their writers' members, or by nobody. */
  records: Record<string, unknown>
}

/** The fixture's author of a note record, or null for anything else. */
function authorOf(record: unknown): string | null {
  if (!isJsonObject(record) || record.type !== 'note' || !isJsonObject(record.meta)) return null
  const stormline = record.meta[stickyMetaKey]
  return isJsonObject(stormline) && typeof stormline.authorId === 'string' && stormline.authorId
    ? stormline.authorId
    : null
}

/** The note as its writer's client creates it: the member as author, or no author at all. */
function creditedTo(record: JsonObject, memberId: string | null): JsonObject {
  const meta = record.meta as JsonObject
  const { authorId: _id, authorName, ...rest } = meta[stickyMetaKey] as JsonObject
  const author = memberId === null ? {} : { authorId: memberId, authorName }
  return { ...record, meta: { ...meta, [stickyMetaKey]: { ...rest, ...author } } }
}

/**
 * Writes a finished workshop into a board the way its people make one, each person a stock
 * client with a member of their own:
 *   - the facilitator lays out the page, the timeline and the session, opens the vote and puts
 *     the poker estimates up hidden;
 *   - every person writes their own stickies (credited to their member; to nobody on an anonymous
 *     board, as the web app does) and their clusters, their dots into their private `votes` and
 *     their estimates into their private `ballots`;
 *   - once the server has counted every one of them (`GET /tally`), the facilitator closes the
 *     vote and reveals the estimates, and the server publishes the result and the ballots.
 * The fixture's dots and ballots keep their meaning: a dot entry of an earlier round does not
 * count, one over the budget is capped. One fixture case has no counterpart: a ballot whose key
 * names another person than its body (`cluster:approvals|p-eve`) cannot be cast by anyone, since
 * a person's ballots are keyed by their member; it was ignored before and is not written now.
 * Resolves once the board holds all of it; every client has left by then.
 */
export async function writeWorkshop(
  server: Server,
  board: CreatedBoard,
  maps: BoardMapsJson,
  options: { anonymous?: boolean } = {},
): Promise<WrittenWorkshop> {
  const clients = new StockClients(server)
  try {
    const vote = readVoteSession(maps.session[voteSessionKey])
    const ballots = Object.entries(maps.ballots).flatMap(([key, value]) => {
      const ballot = readBallot(value)
      return ballot && key === ballotKey(ballot.targetId, ballot.participantId) ? [ballot] : []
    })
    const ids = new Set<string>([
      ...Object.values(maps.records).flatMap((r) => authorOf(r) ?? []),
      ...Object.keys(maps.votes),
      ...ballots.map((b) => b.participantId),
    ])
    const people = new Map<string, Person>()
    for (const id of ids) {
      people.set(id, await clients.person(board, 'participant', await newMember(server, board)))
    }
    const members = new Map([...people].map(([id, person]) => [id, person.me.memberId]))
    const memberOf = (id: unknown): string | null =>
      typeof id === 'string' ? (members.get(id) ?? null) : null

    const facilitator = clients.connect(board, 'facilitator')
    await synced(facilitator)
    const hidden = Object.fromEntries(
      Object.entries(maps.assessments).map(([id, value]) => [
        id,
        readAssessment(value)?.mode === 'poker'
          ? { ...(value as JsonObject), revealed: false }
          : value,
      ]),
    )
    facilitator.doc.transact(() => {
      for (const record of Object.values(maps.records)) {
        if (authorOf(record) === null) writeRecord(facilitator.doc, record as BoardRecord)
      }
      const session = sessionOf(facilitator)
      for (const [key, value] of Object.entries(maps.session)) {
        if (key !== voteSessionKey && key !== voteResultKey) session.set(key, value)
      }
      session.set(voteSessionKey, { ...vote, status: 'open' })
      for (const [id, value] of Object.entries(hidden)) {
        facilitator.doc.getMap(docLayout.assessments).set(id, value)
      }
      for (const [id, value] of Object.entries(maps.suggestionDecisions)) {
        facilitator.doc.getMap(docLayout.suggestionDecisions).set(id, value)
      }
      for (const [id, value] of Object.entries(maps.clusters)) {
        if (memberOf((value as JsonObject).createdBy) === null)
          facilitator.doc.getMap(docLayout.clusters).set(id, value)
      }
    })

    const records: Record<string, unknown> = { ...maps.records }
    for (const [id, person] of people) {
      const memberId = options.anonymous ? null : person.me.memberId
      person.shared.doc.transact(() => {
        for (const record of Object.values(maps.records)) {
          if (authorOf(record) !== id) continue
          const written = creditedTo(record as JsonObject, memberId)
          writeRecord(person.shared.doc, written as BoardRecord)
          records[written.id as string] = written
        }
        for (const [clusterId, value] of Object.entries(maps.clusters)) {
          if ((value as JsonObject).createdBy !== id) continue
          const cluster = { ...(value as JsonObject), createdBy: person.me.memberId }
          person.shared.doc.getMap(docLayout.clusters).set(clusterId, cluster)
        }
      })
      const dots = maps.votes[id] as { round: number; dots: Record<string, number> } | undefined
      if (dots) castDots(person.own, dots.round, dots.dots)
      for (const ballot of ballots.filter((b) => b.participantId === id)) {
        castBallot(person.own, ballot.targetId, {
          value: ballot.value,
          effort: ballot.effort,
          name: ballot.participantName,
        })
      }
    }

    // Everyone's secrets have reached the server before the facilitator closes and reveals.
    const voters = Object.values(maps.votes).filter((entry) => {
      const votes = readParticipantVotes(entry, vote.round)
      return votes !== null && Object.keys(votes.dots).length > 0
    }).length
    const ballotsPer = (targetId: string): number =>
      ballots.filter((b) => b.targetId === targetId).length
    await eventually(async () => {
      const tally = await facilitatorTally(server, board)
      return (
        tally.vote.voters === voters &&
        Object.keys(hidden).every((id) => (tally.ballots[id]?.count ?? 0) === ballotsPer(id))
      )
    }, 'every dot and ballot counted')
    await eventually(
      () =>
        Object.keys(maps.records).every((id) => facilitator.doc.getMap(docLayout.records).has(id)),
      'every sticky on the board',
    )

    facilitator.doc.transact(() => {
      sessionOf(facilitator).set(voteSessionKey, vote)
      for (const [id, value] of Object.entries(maps.assessments)) {
        facilitator.doc.getMap(docLayout.assessments).set(id, value)
      }
    })
    const revealed = Object.entries(maps.assessments)
      .filter(([, value]) => {
        const assessment = readAssessment(value)
        return assessment?.mode === 'poker' && assessment.revealed
      })
      .reduce((sum, [id]) => sum + ballotsPer(id), 0)
    await eventually(
      () =>
        (vote.status !== 'closed' ||
          readVoteResult(sessionOf(facilitator).get(voteResultKey))?.round === vote.round) &&
        facilitator.doc.getMap(docLayout.ballots).size === revealed,
      'the vote result and the revealed ballots',
    )
    for (const client of [facilitator, ...[...people.values()].flatMap((p) => [p.shared, p.own])]) {
      if (client.closes.length > 0) throw new Error(`a writer was closed: ${client.closes}`)
    }
    return { members, records }
  } finally {
    clients.destroyAll()
  }
}
