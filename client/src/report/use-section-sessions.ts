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
    // A renamed or renumbered section gets a fresh session (its heading changes). Editability
    // (workflow, 定稿, reassignment) changes live on the same session: see SectionSession.update.
    const keys = report.sections.map(
      (section) => `${user.id}|${report.id}|${section.key}|${section.number}|${section.title}`,
    );
    const acquired = report.sections.map((section, i) =>
      sessions.acquire(keys[i]!, () => new SectionSession(report.id, section, author)),
    );
    acquired.forEach((session, i) => session.update(report.sections[i]!));
    setCurrent(acquired);
    return () => keys.forEach((key) => sessions.release(key));
  }, [report, user.id, user.displayName]);

  return current;
}
