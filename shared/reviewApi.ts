import type { VersionKind } from './review.js';

/** The review API's answers (comments, versions, workflow history), as server and client share them. */

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

/** A section waiting for the signed-in user: the principal's to review, or their department's to revise. */
export interface SectionTask {
  reportId: string;
  reportTitle: string;
  sectionKey: string;
  number: string;
  title: string;
  department: string;
  status: 'submitted' | 'returned';
}

/** 需要我处理: the sections waiting for the user, and the open threads that mention them or their department. */
export interface InboxView {
  sections: SectionTask[];
  threads: ThreadView[];
}

/** A section-level note has no anchor in the text. */
export function isSectionNote(thread: ThreadView): boolean {
  return thread.quote === '';
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
  /** Who edited between the two versions, where known. */
  editors: string[];
}

export interface TransitionView {
  reportId: string;
  sectionKey: string | null;
  from: string;
  to: string;
  actor: string;
  at: number;
  reason: string | null;
}
