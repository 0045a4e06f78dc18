import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SectionView } from '../../../shared/api.js';
import { documentExtensions } from '../../../shared/editor/extensions.js';
import { DOCUMENT_FIELD, sectionRoomName } from '../../../shared/rooms.js';
import { withBudgetViews } from './budget/budget-node-views.js';
import { followBrowserNetwork, roomProvider } from './room-provider.js';
import { SaveTracker } from './save-tracker.js';

export interface Author {
  id: string;
  name: string;
  color: string;
}

/** Where one section stands with the server, from the reader's point of view. */
export type SectionLink =
  | { kind: 'offline' }
  | { kind: 'syncing' }
  | { kind: 'connected' }
  | { kind: 'saved' }
  | { kind: 'refused'; code: number };

let nextSessionId = 1;

/**
 * Everything one section needs to be edited together: its Y.Doc, the websocket provider bound
 * to the section's room, a local IndexedDB copy (edits survive going offline and closing the
 * tab), and the TipTap editor. Created once per section and destroyed when the page leaves.
 */
export class SectionSession {
  readonly id = nextSessionId++;
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly editor: Editor;
  private readonly localCopy: IndexeddbPersistence;
  private readonly saves: SaveTracker;
  private readonly listeners = new Set<() => void>();
  private everConnected = false;
  private attemptFailed = false;
  private refusedCode: number | null = null;
  private readonly stopFollowingNetwork: () => void;

  constructor(
    readonly reportId: string,
    /** The server's latest view of the section; see update(). */
    public section: SectionView,
    author: Author,
  ) {
    const room = sectionRoomName({ reportId, sectionKey: section.key });
    // Keyed by user: unsent edits must never be sent later under somebody else's session.
    this.localCopy = new IndexeddbPersistence(`gongxie/${author.id}/${room}`, this.doc);
    this.provider = roomProvider(room, this.doc);
    this.provider.awareness.setLocalStateField('user', { name: author.name, color: author.color });
    this.saves = new SaveTracker(this.doc, this.provider, this.localCopy);
    this.editor = new Editor({
      editable: section.canEdit,
      extensions: [
        ...withBudgetViews(documentExtensions()),
        Collaboration.configure({ document: this.doc, field: DOCUMENT_FIELD, provider: this.provider }),
        CollaborationCaret.configure({ provider: this.provider, user: { name: author.name, color: author.color } }),
        Placeholder.configure({
          placeholder: section.canEdit ? '在此撰写本部分内容…' : '（本部分尚未填写）',
          showOnlyWhenEditable: false,
        }),
      ],
      editorProps: {
        attributes: {
          class: 'section-text',
          'aria-label': `${section.number}、${section.title}`,
          spellcheck: 'false',
        },
      },
    });

    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.notify);
    this.provider.on('closed', this.onClosed);
    this.provider.on('connection-close', this.onConnectionClose);
    this.saves.subscribe(this.notify);
    // A refused socket (signed out, no longer a member) stays closed when the network returns.
    this.stopFollowingNetwork = followBrowserNetwork(this.provider, {
      mayReconnect: () => this.refusedCode === null,
      onChange: this.notify,
    });
  }

  get link(): SectionLink {
    if (this.refusedCode !== null) return { kind: 'refused', code: this.refusedCode };
    if (!this.provider.wsconnected) {
      const unreachable = this.everConnected || this.attemptFailed || !navigator.onLine;
      return unreachable ? { kind: 'offline' } : { kind: 'syncing' };
    }
    if (!this.provider.synced) return { kind: 'syncing' };
    // Only a section this user may write can have changes waiting for the server; anything a
    // read-only editor holds locally (e.g. the editor normalising an empty document) is dropped
    // by the server by design and must not keep the report 正在同步 forever.
    if (this.section.canEdit && !this.saves.saved) return { kind: 'syncing' };
    return this.saves.editedLocally ? { kind: 'saved' } : { kind: 'connected' };
  }

  /**
   * Takes the server's fresh view of the section (after a workflow change, 定稿, reassignment):
   * the editor becomes read-only or editable again on the spot, on the same document and socket.
   */
  update(section: SectionView): void {
    this.section = section;
    if (!this.editor.isDestroyed && this.editor.isEditable !== section.canEdit) {
      this.editor.setEditable(section.canEdit);
      // An empty transaction lets editor-state listeners (the toolbar) see the change.
      this.editor.view.dispatch(this.editor.state.tr);
    }
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.stopFollowingNetwork();
    this.listeners.clear();
    this.editor.destroy();
    this.saves.destroy();
    this.provider.destroy();
    void this.localCopy.destroy();
    this.doc.destroy();
  }

  private readonly notify = () => {
    for (const listener of this.listeners) listener();
  };

  private readonly onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') this.everConnected = true;
    this.notify();
  };

  private readonly onConnectionClose = () => {
    this.attemptFailed = true;
    this.notify();
  };

  private readonly onClosed = ({ code }: { code: number }) => {
    this.refusedCode = code;
    this.notify();
  };
}
