import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import type { VersionKind } from '../../shared/review.js';
import type { VersionDiff, VersionView } from '../../shared/reviewApi.js';
import { DOCUMENT_FIELD, parseSectionRoomName, sectionRoomName } from '../../shared/rooms.js';
import type { Actor } from '../accounts/Actor.js';
import type { CollabServer } from '../collab/CollabServer.js';
import type { Room } from '../collab/Room.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { can } from '../policies/index.js';
import type { Reports } from '../reports/Reports.js';
import type { Store } from '../storage/Store.js';
import type { ReportEvents } from './ReportEvents.js';
import { blockTexts, contentOfState } from './sectionContent.js';
import { diffBlocks } from './versionDiff.js';

/**
 * Snapshots of section documents: taken on submit, approve and finalise, periodically while
 * people type, before a restore, and by hand with a name. A restore is a server-side edit in
 * the room, so open editors simply receive it, and the replaced text stays in the history.
 */
export class Versions {
  private timer: NodeJS.Timeout | undefined;
  /** A pass over the loaded sections still running (a slow store or Redis), which the next tick skips. */
  private snapshotting = false;

  constructor(
    private readonly store: Store,
    private readonly reports: Reports,
    private readonly collab: CollabServer,
    private readonly events: ReportEvents,
    private readonly log: Logger,
  ) {}

  /**
   * Snapshots each loaded section that was edited once its last version, taken by whichever
   * instance holds it, is `intervalMs` old (looked at every tenth of that, at most every minute).
   */
  startAutoSnapshots(intervalMs: number) {
    this.timer = setInterval(() => void this.snapshotDue(intervalMs), Math.min(intervalMs / 10, 60_000));
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  /** Called before a room unloads, so an editing session always leaves a version behind. */
  async beforeUnload(room: Room): Promise<void> {
    const target = parseSectionRoomName(room.name);
    if (target && room.sinceVersion.any) await this.record(room, target.reportId, target.sectionKey, 'auto', null, null);
  }

  async snapshot(reportId: string, sectionKey: string, kind: VersionKind, actor: Actor | null, name: string | null = null): Promise<void> {
    await this.collab.withRoom(sectionRoomName({ reportId, sectionKey }), (room) => this.record(room, reportId, sectionKey, kind, actor, name));
  }

  async createNamed(actor: Actor, reportId: string, sectionKey: string, name: string): Promise<void> {
    const { report } = await this.reports.readableSection(actor, reportId, sectionKey);
    if (!can(actor, 'comment.create', report)) throw forbidden();
    await this.snapshot(reportId, sectionKey, 'manual', actor, name);
  }

  async list(actor: Actor, reportId: string, sectionKey: string): Promise<VersionView[]> {
    const { report } = await this.reports.readableSection(actor, reportId, sectionKey);
    const names = await this.names(report.orgId);
    return (await this.store.versions.list(reportId, sectionKey)).map(({ actorId, editors, ...rest }) => ({
      ...rest, actor: actorId ? names.get(actorId) ?? null : null, editors: editors.map((id) => names.get(id) ?? '未知用户'),
    }));
  }

  async content(actor: Actor, versionId: string): Promise<{ content: JSONContent }> {
    const version = await this.readableVersion(actor, versionId);
    return { content: contentOfState(version.state) };
  }

  /** What changed from version `fromId` to version `toId` (or to the current text). */
  async diff(actor: Actor, fromId: string, toId: string | 'current'): Promise<VersionDiff> {
    const from = await this.readableVersion(actor, fromId);
    const room = sectionRoomName({ reportId: from.reportId, sectionKey: from.sectionKey });
    let toState: Uint8Array;
    let editorIds: string[];
    if (toId === 'current') {
      [toState, editorIds] = await this.collab.withRoom(room, (r) => [Y.encodeStateAsUpdate(r.doc), r.sinceVersion.ids] as const);
      // Everyone who edited after `from`: the editors of every later version plus the live ones.
      const later = (await this.store.versions.list(from.reportId, from.sectionKey)).filter((v) => v.createdAt > from.createdAt);
      editorIds = [...new Set([...later.flatMap((v) => v.editors), ...editorIds])];
    } else {
      const to = await this.readableVersion(actor, toId);
      if (to.reportId !== from.reportId || to.sectionKey !== from.sectionKey) throw invalid('只能比较同一部分的两个版本');
      toState = to.state;
      const between = (await this.store.versions.list(from.reportId, from.sectionKey))
        .filter((v) => v.createdAt > Math.min(from.createdAt, to.createdAt) && v.createdAt <= Math.max(from.createdAt, to.createdAt));
      editorIds = [...new Set(between.flatMap((v) => v.editors))];
    }
    const names = await this.names((await this.reports.readable(actor, from.reportId)).orgId);
    return {
      blocks: diffBlocks(blockTexts(contentOfState(from.state)), blockTexts(contentOfState(toState))),
      editors: editorIds.map((id) => names.get(id) ?? '未知用户'),
    };
  }

  /** Puts a version's text back as a new edit; the text it replaces is kept as a version first. */
  async restore(actor: Actor, versionId: string): Promise<void> {
    const version = await this.readableVersion(actor, versionId);
    const { report, section } = await this.reports.readableSection(actor, version.reportId, version.sectionKey);
    if (!can(actor, 'section.edit', { report, section })) throw forbidden();
    await this.collab.withRoom(sectionRoomName({ reportId: report.id, sectionKey: section.key }), async (room) => {
      await this.record(room, report.id, section.key, 'restore', actor, null);
      const old = new Y.Doc();
      Y.applyUpdate(old, version.state);
      const restored = old.getXmlFragment(DOCUMENT_FIELD).toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
      room.applyServerEdit((doc) => {
        const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
        fragment.delete(0, fragment.length);
        fragment.insert(0, restored);
      });
      room.sinceVersion.edited(actor.id);
    });
    await this.events.changed(report.id, 'versions');
  }

  private async snapshotDue(intervalMs: number) {
    if (this.snapshotting) return;
    this.snapshotting = true;
    try {
      for (const room of this.collab.loadedRooms()) {
        const target = parseSectionRoomName(room.name);
        if (!target || !room.sinceVersion.due(intervalMs) || !(await room.sinceVersion.claimDue(intervalMs))) continue;
        await this.collab.withRoom(room.name, (loaded) => loaded.sinceVersion.any
          ? this.record(loaded, target.reportId, target.sectionKey, 'auto', null, null) : undefined)
          .catch((err) => this.log.error('versions.auto_failed', { room: room.name, err }));
      }
    } finally {
      this.snapshotting = false;
    }
  }

  private async record(room: Room, reportId: string, sectionKey: string, kind: VersionKind, actor: Actor | null, name: string | null) {
    const createdAt = Date.now();
    await room.sinceVersion.takeVersion(createdAt, (editors) => this.store.versions.create({
      id: randomId(), reportId, sectionKey, createdAt, actorId: actor?.id ?? null, kind, name, editors,
      state: Y.encodeStateAsUpdate(room.doc),
    }));
    await this.events.changed(reportId, 'versions');
  }

  private async readableVersion(actor: Actor, versionId: string) {
    const version = await this.store.versions.get(versionId);
    if (!version) throw notFound();
    await this.reports.readable(actor, version.reportId);
    return version;
  }

  private async names(orgId: string): Promise<Map<string, string>> {
    return new Map((await this.store.users.listByOrg(orgId)).map((u) => [u.id, u.displayName]));
  }
}
