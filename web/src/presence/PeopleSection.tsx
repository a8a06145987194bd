/** The cockpit's People section: everyone on the board (being built, see issue #13). */
export function PeopleSection() {
  return null
}
