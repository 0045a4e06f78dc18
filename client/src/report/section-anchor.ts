/** The DOM id of a section in the report page, used by the table of contents. */
export function sectionAnchor(sectionKey: string): string {
  return `section-${sectionKey}`;
}
