import { useSyncExternalStore } from 'react';
import type { SectionLink, SectionSession } from './section-session.js';

export type ReportConnection = 'connected' | 'syncing' | 'offline' | 'saved' | 'signed-out' | 'refused';

export const CONNECTION_LABELS: Record<ReportConnection, string> = {
  connected: '已连接',
  syncing: '正在同步',
  offline: '离线（修改已保存在本地，联网后自动同步）',
  saved: '已保存',
  'signed-out': '登录已失效，请重新登录',
  refused: '无权访问或报告已不存在',
};

/** One state for the whole report: the most worrying section decides. */
export function combineLinks(links: SectionLink[]): ReportConnection {
  if (links.some((link) => link.kind === 'refused' && link.code === 4401)) return 'signed-out';
  if (links.some((link) => link.kind === 'refused')) return 'refused';
  if (links.some((link) => link.kind === 'offline')) return 'offline';
  if (links.some((link) => link.kind === 'syncing')) return 'syncing';
  if (links.some((link) => link.kind === 'saved')) return 'saved';
  return 'connected';
}

export function useReportConnection(sessions: SectionSession[]): ReportConnection {
  return useSyncExternalStore(
    (onChange) => {
      const unsubscribes = sessions.map((session) => session.subscribe(onChange));
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        unsubscribes.forEach((unsubscribe) => unsubscribe());
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
    () => combineLinks(sessions.map((session) => session.link)),
  );
}
