import { useEffect, useState } from 'react';
import { CARRY_OVER_MAP } from '../../../../shared/domain/carryOver.js';
import type { Problem } from '../../../../shared/domain/checks.js';
import { readCarryOver } from '../../../../shared/editor/carryOverDoc.js';
import { checkSectionDocuments } from '../../../../shared/editor/checkDocuments.js';
import type { SectionView } from '../../../../shared/api.js';
import type { SectionSession } from '../section-session.js';

const DEBOUNCE_MS = 300;

/**
 * The report's problems, live: the check engine runs over every section's current document
 * (local typing and everyone else's edits alike), at most once per pause in the changes.
 */
export function useReportChecks(sessions: readonly SectionSession[], sections: readonly SectionView[]): Problem[] {
  const [problems, setProblems] = useState<Problem[]>([]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const titles = new Map(sections.map((s) => [s.key, s.title]));
    const run = () => {
      timer = undefined;
      setProblems(checkSectionDocuments(sessions.map((session) => ({
        key: session.section.key,
        title: titles.get(session.section.key) ?? session.section.title,
        doc: session.editor.getJSON(),
        carryOver: readCarryOver(session.doc),
      }))));
    };
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(run, DEBOUNCE_MS);
    };
    const detach = sessions.map((session) => {
      const carryOver = session.doc.getMap(CARRY_OVER_MAP);
      session.editor.on('update', schedule);
      carryOver.observe(schedule);
      return () => {
        session.editor.off('update', schedule);
        carryOver.unobserve(schedule);
      };
    });
    run();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      detach.forEach((off) => off());
    };
  }, [sessions, sections]);

  return problems;
}
