import { AssetRecordType, type Editor, getHashForString } from 'tldraw'

/**
 * tldraw unfurls a pasted link by fetching the page from the browser. A self-hosted board
 * should not make every participant's browser contact arbitrary hosts, so bookmarks are
 * created from the URL alone (title = URL, no preview image or favicon).
 */
export function createBookmarksWithoutFetching(editor: Editor): void {
  editor.registerExternalAssetHandler('url', async ({ url }) =>
    AssetRecordType.create({
      id: AssetRecordType.createId(getHashForString(url)),
      type: 'bookmark',
      props: { src: url, title: url, description: '', image: '', favicon: '' },
      meta: {},
    }),
  )
}
