import type { VersionKind } from '../../../../shared/review.js';

/**
 * Shapes of the review API as the browser receives them (server/review/Comments.ts,
 * Versions.ts, versionDiff.ts and Workflow.ts define them on the server side).
 */

export interface CommentView {
  id: string;
  author: { id: string; name: string };
  body: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  mine: boolean;
}

export interface ThreadView {
  id: string;
  reportId: string;
  sectionKey: string;
  /** The commented text when the thread was opened; '' for a section-level note (e.g. 退回原因). */
  quote: string;
  author: { id: string; name: string };
  createdAt: number;
  resolved: { by: string; at: number } | null;
  /** Its anchored text has been deleted; the thread stays, with its quote. */
  detached: boolean;
  canResolve: boolean;
  comments: CommentView[];
}

export interface VersionView {
  id: string;
  reportId: string;
  sectionKey: string;
  createdAt: number;
  kind: VersionKind;
  name: string | null;
  actor: string | null;
  editors: string[];
}

export type Segment = { op: 'equal' | 'insert' | 'delete'; text: string };
export type BlockDiff =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; segments: Segment[] };

export interface VersionDiff {
  blocks: BlockDiff[];
  editors: string[];
}

/** A section-level note has no anchor in the text. */
export function isSectionNote(thread: ThreadView): boolean {
  return thread.quote === '';
}
