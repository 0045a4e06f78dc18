import { useEffect, useRef } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { META_REVISIONS, metaRoomName, type MetaTopic } from '../../../../shared/rooms.js';
import { followBrowserNetwork, roomProvider } from '../room-provider.js';
import { SharedResources } from '../shared-resources.js';

const TOPICS: readonly MetaTopic[] = ['workflow', 'comments', 'versions', 'structure'];

/**
 * A report's read-only meta room: the server bumps one key of the map `revisions` per topic
 * whenever statuses, comments, versions or the structure change. One socket per open report,
 * shared across StrictMode's double mount like the section sessions.
 */
class MetaSubscription {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly listeners = new Set<(topics: MetaTopic[]) => void>();
  private readonly stopFollowingNetwork: () => void;

  constructor(reportId: string) {
    this.provider = roomProvider(metaRoomName(reportId), this.doc);
    this.doc.getMap<string>(META_REVISIONS).observe(this.onChange);
    this.stopFollowingNetwork = followBrowserNetwork(this.provider);
  }

  subscribe(listener: (topics: MetaTopic[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.stopFollowingNetwork();
    this.listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }

  private readonly onChange = (event: Y.YMapEvent<string>) => {
    const topics = TOPICS.filter((topic) => event.keysChanged.has(topic));
    if (topics.length > 0) for (const listener of this.listeners) listener(topics);
  };
}

const subscriptions = new SharedResources<MetaSubscription>();

/**
 * Calls `onTopics` with the topics that changed in the report's meta room (all of them once
 * the room first syncs, so nothing that happened between the page's first requests and the
 * subscription is missed).
 */
export function useMetaTopics(reportId: string, onTopics: (topics: MetaTopic[]) => void): void {
  const callback = useRef(onTopics);
  callback.current = onTopics;

  useEffect(() => {
    const subscription = subscriptions.acquire(reportId, () => new MetaSubscription(reportId));
    const unsubscribe = subscription.subscribe((topics) => callback.current(topics));
    return () => {
      unsubscribe();
      subscriptions.release(reportId);
    };
  }, [reportId]);
}
