import { EditorContent } from '@tiptap/react';
import { CarryOverNotice } from './checks/carry-over-notice.js';
import type { Participant } from './presence.js';
import { SectionNotes, SectionReviewBar, SectionStatus } from './review/section-review.js';
import { sectionAnchor } from './section-anchor.js';
import type { SectionSession } from './section-session.js';

/** One section in reading order: its numbered heading, then its text. */
export function SectionBlock({ session, participants }: { session: SectionSession; participants: Participant[] }) {
  const { section } = session;
  const writers = participants.filter((participant) => !participant.isSelf && participant.sectionKeys.includes(section.key));

  return (
    <section id={sectionAnchor(section.key)} data-section={section.key}
      className={`report-section${section.canEdit ? '' : ' is-readonly'}`}>
      <header className="section-head">
        <h2 className="section-heading">
          <span className="section-number">{section.number}、</span>
          {section.title}
        </h2>
        <div className="section-meta">
          {writers.map((writer) => (
            <span key={writer.id} className="section-writer" style={{ borderColor: writer.color, color: writer.color }}>
              {writer.name} 正在编辑
            </span>
          ))}
          <SectionStatus sectionKey={section.key} />
          {section.canEdit
            ? <span className="badge badge-edit">{section.department}</span>
            : <span className="badge badge-readonly">只读 · {section.department}负责</span>}
        </div>
      </header>
      <SectionReviewBar sectionKey={section.key} />
      <SectionNotes sectionKey={section.key} />
      <CarryOverNotice session={session} />
      <EditorContent editor={session.editor} className="section-body" />
    </section>
  );
}
