import type { ThreadView } from '../../shared/reviewApi.js';
import { sectionRoomName } from '../../shared/rooms.js';
import type { Actor } from '../accounts/Actor.js';
import type { CollabServer } from '../collab/CollabServer.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { randomId } from '../ids.js';
import { can } from '../policies/index.js';
import type { Reports } from '../reports/Reports.js';
import type { CommentRecord, ReportRecord, SectionRecord, Store, ThreadRecord } from '../storage/Store.js';
import { anchoredThreadIds, applyCommentAnchor } from './commentAnchors.js';
import { findMentions } from './mentions.js';
import type { ReportEvents } from './ReportEvents.js';

/**
 * Comment threads. The author is always the signed-in user; the anchor is applied by the
 * server in the section's room from the client's relative positions, so people who may not
 * edit a section can still comment on it.
 */
export class Comments {
  constructor(
    private readonly store: Store,
    private readonly reports: Reports,
    private readonly collab: CollabServer,
    private readonly events: ReportEvents,
  ) {}

  async create(actor: Actor, reportId: string, sectionKey: string, input: { anchor: string; head: string; body: string }): Promise<ThreadView> {
    const { report, section } = await this.reports.readableSection(actor, reportId, sectionKey);
    if (!can(actor, 'comment.create', report)) throw forbidden();
    const threadId = randomId();
    const { quote } = await this.collab.withRoom(sectionRoomName({ reportId, sectionKey }),
      (room) => { let result = { quote: '' }; room.applyServerEdit((doc) => { result = applyCommentAnchor(doc, input.anchor, input.head, threadId); }); return result; });
    await this.insertThread(actor, report, section, threadId, quote, input.body);
    return (await this.list(actor, reportId)).find((t) => t.id === threadId)!;
  }

  /** A thread without an anchor in the text, e.g. the reason a section was returned. */
  async createSectionNote(actor: Actor, report: ReportRecord, section: SectionRecord, body: string): Promise<void> {
    await this.insertThread(actor, report, section, randomId(), '', body);
  }

  async reply(actor: Actor, threadId: string, body: string): Promise<void> {
    const { report } = await this.threadFor(actor, threadId);
    if (!can(actor, 'comment.create', report)) throw forbidden();
    await this.store.comments.addComment(await this.newComment(actor, report, threadId, body));
    await this.events.changed(report.id, 'comments');
  }

  async edit(actor: Actor, commentId: string, body: string): Promise<void> {
    const { comment, report } = await this.ownComment(actor, commentId);
    const text = checkedBody(body);
    await this.store.comments.updateComment(comment.id, { body: text, mentions: await findMentions(this.store, report.orgId, text), editedAt: Date.now() });
    await this.events.changed(report.id, 'comments');
  }

  async remove(actor: Actor, commentId: string): Promise<void> {
    const { comment, report } = await this.ownComment(actor, commentId);
    await this.store.comments.updateComment(comment.id, { body: '', mentions: [], deleted: true, editedAt: Date.now() });
    await this.events.changed(report.id, 'comments');
  }

  async setResolved(actor: Actor, threadId: string, resolved: boolean): Promise<void> {
    const { thread, report, section } = await this.threadFor(actor, threadId);
    if (!can(actor, 'thread.resolve', { report, section, thread })) throw forbidden();
    await this.store.comments.setResolved(threadId, resolved ? actor.id : null, resolved ? Date.now() : null);
    await this.events.changed(report.id, 'comments');
  }

  async list(actor: Actor, reportId: string): Promise<ThreadView[]> {
    const report = await this.reports.readable(actor, reportId);
    const threads = await this.store.comments.threads(reportId);
    return this.view(actor, report, threads);
  }

  /** 需要我处理: open threads that mention the user or their department, across their organisation. */
  async inbox(actor: Actor): Promise<ThreadView[]> {
    const wanted = new Set([`user:${actor.id}`, ...(actor.department ? [`dept:${actor.department}`] : [])]);
    const result: ThreadView[] = [];
    for (const report of await this.store.reports.listByOrg(actor.orgId)) {
      if (!can(actor, 'report.read', report)) continue;
      const threads = (await this.store.comments.threads(report.id)).filter((t) => !t.resolvedAt);
      const comments = await this.store.comments.comments(threads.map((t) => t.id));
      const mentioned = new Set(comments.filter((c) => !c.deleted && c.mentions.some((m) => wanted.has(m))).map((c) => c.threadId));
      result.push(...await this.view(actor, report, threads.filter((t) => mentioned.has(t.id))));
    }
    return result;
  }

  private async insertThread(actor: Actor, report: ReportRecord, section: SectionRecord, threadId: string, quote: string, body: string) {
    const first = await this.newComment(actor, report, threadId, body);
    await this.store.comments.createThread({
      id: threadId, reportId: report.id, sectionKey: section.key, authorId: actor.id, quote, createdAt: first.createdAt, resolvedBy: null, resolvedAt: null,
    }, first);
    await this.events.changed(report.id, 'comments');
  }

  private async newComment(actor: Actor, report: ReportRecord, threadId: string, body: string): Promise<CommentRecord> {
    const text = checkedBody(body);
    return {
      id: randomId(), threadId, authorId: actor.id, body: text, mentions: await findMentions(this.store, report.orgId, text),
      createdAt: Date.now(), editedAt: null, deleted: false,
    };
  }

  private async threadFor(actor: Actor, threadId: string) {
    const thread = await this.store.comments.thread(threadId);
    if (!thread) throw notFound();
    const { report, section } = await this.reports.readableSection(actor, thread.reportId, thread.sectionKey);
    return { thread, report, section };
  }

  private async ownComment(actor: Actor, commentId: string) {
    const comment = await this.store.comments.comment(commentId);
    if (!comment || comment.deleted) throw notFound();
    const { report } = await this.threadFor(actor, comment.threadId);
    if (!can(actor, 'comment.change', { report, authorId: comment.authorId })) throw forbidden();
    return { comment, report };
  }

  private async view(actor: Actor, report: ReportRecord, threads: ThreadRecord[]): Promise<ThreadView[]> {
    const names = new Map((await this.store.users.listByOrg(report.orgId)).map((u) => [u.id, u.displayName]));
    const person = (id: string) => ({ id, name: names.get(id) ?? '未知用户' });
    const sections = new Map((await this.store.reports.sections(report.id)).map((s) => [s.key, s]));
    const anchored = new Map<string, Set<string>>();
    for (const key of new Set(threads.filter((t) => t.quote).map((t) => t.sectionKey))) {
      anchored.set(key, await this.collab.withRoom(sectionRoomName({ reportId: report.id, sectionKey: key }), (room) => anchoredThreadIds(room.doc)));
    }
    const comments = await this.store.comments.comments(threads.map((t) => t.id));
    return threads.map((thread) => ({
      id: thread.id, reportId: thread.reportId, sectionKey: thread.sectionKey, quote: thread.quote,
      author: person(thread.authorId), createdAt: thread.createdAt,
      resolved: thread.resolvedBy && thread.resolvedAt ? { by: names.get(thread.resolvedBy) ?? '未知用户', at: thread.resolvedAt } : null,
      detached: thread.quote !== '' && !anchored.get(thread.sectionKey)?.has(thread.id),
      canResolve: can(actor, 'thread.resolve', { report, section: sections.get(thread.sectionKey)!, thread }),
      comments: comments.filter((c) => c.threadId === thread.id).map((c) => ({
        id: c.id, author: person(c.authorId), body: c.body, createdAt: c.createdAt, editedAt: c.editedAt, deleted: c.deleted,
        mine: c.authorId === actor.id,
      })),
    }));
  }
}

function checkedBody(body: string): string {
  const text = body.trim();
  if (!text) throw invalid('评论内容不能为空');
  if (text.length > 5000) throw invalid('评论内容不能超过 5000 字');
  return text;
}
