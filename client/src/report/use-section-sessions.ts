import { useEffect, useState } from 'react';
import type { ReportView, SessionUser } from '../../../shared/api.js';
import { SectionSession } from './section-session.js';
import { SharedResources } from './shared-resources.js';
import { userColor } from './user-color.js';

const sessions = new SharedResources<SectionSession>();

/**
 * One SectionSession per section of `report`, created in an effect (never during render) and
 * shared across StrictMode's double mount, so each section gets exactly one Y.Doc, provider
 * and editor. Sessions are destroyed when the page unmounts.
 */
export function useSectionSessions(report: ReportView, user: SessionUser): SectionSession[] | null {
  const [current, setCurrent] = useState<SectionSession[] | null>(null);

  useEffect(() => {
    const author = { id: user.id, name: user.displayName, color: userColor(user.id) };
    const keys = report.sections.map(
      (section) => `${user.id}|${report.id}|${section.key}|${section.canEdit ? 'edit' : 'read'}`,
    );
    const acquired = report.sections.map((section, i) =>
      sessions.acquire(keys[i]!, () => new SectionSession(report.id, section, author)),
    );
    setCurrent(acquired);
    return () => keys.forEach((key) => sessions.release(key));
  }, [report, user.id, user.displayName]);

  return current;
}
