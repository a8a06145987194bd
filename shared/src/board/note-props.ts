/**
 * Every prop of a tldraw 5.4.2 note apart from its colour and text, as the web app's note tool
 * writes a sticky: what the server writes for imported stickies and what test fixtures build.
 */
export const noteDefaultProps = {
  labelColor: 'black',
  size: 'm',
  font: 'draw',
  fontSizeAdjustment: null,
  align: 'middle',
  verticalAlign: 'middle',
  growY: 0,
  url: '',
  scale: 1,
  textLastEditedBy: null,
} as const
