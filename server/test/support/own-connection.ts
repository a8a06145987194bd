import { request as httpRequest } from 'node:http'

/**
 * A POST on a connection of its own, which the server may close before the body is sent (a body
 * past the limit is refused as soon as its length is known): the answer, however early it comes.
 */
export function postOnOwnConnection(
  url: string,
  body: string,
  contentType: string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let answered = false
    const request = httpRequest(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': contentType } },
      (response) => {
        answered = true
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 0 })),
        )
      },
    )
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    request.end(body)
  })
}
