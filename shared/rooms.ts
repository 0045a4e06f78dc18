/**
 * Collaboration room names. One Yjs document per report section:
 * `reports/<reportId>/sections/<sectionKey>`. Ids and keys are restricted to a safe alphabet so
 * a room name can never smuggle path tricks (`..`, encoded slashes) past the server.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
const ROOM_PATTERN = new RegExp(`^reports/(${ID})/sections/(${ID})$`);
const META_PATTERN = new RegExp(`^reports/(${ID})/meta$`);

export interface SectionRoom {
  reportId: string;
  sectionKey: string;
}

export function sectionRoomName({ reportId, sectionKey }: SectionRoom): string {
  return `reports/${reportId}/sections/${sectionKey}`;
}

export function parseSectionRoomName(name: string): SectionRoom | null {
  const match = ROOM_PATTERN.exec(name);
  return match ? { reportId: match[1]!, sectionKey: match[2]! } : null;
}

/** The Y.XmlFragment that holds a section's TipTap document (the Collaboration default). */
export const DOCUMENT_FIELD = 'default';

/**
 * A report's meta room: a small Yjs document only the server writes. Its map `revisions` is
 * bumped whenever statuses, comments or versions change, so every open page refreshes live
 * (and, scaled out, the relay carries it between instances like any room).
 */
export function metaRoomName(reportId: string): string {
  return `reports/${reportId}/meta`;
}

export function parseMetaRoomName(name: string): { reportId: string } | null {
  const match = META_PATTERN.exec(name);
  return match ? { reportId: match[1]! } : null;
}

export const META_REVISIONS = 'revisions';
export type MetaTopic = 'workflow' | 'comments' | 'versions' | 'structure';
