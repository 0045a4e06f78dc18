import type { SectionView } from '../../../shared/api.js';
import type { Participant } from './presence.js';
import { TocReviewInfo } from './review/progress.js';
import { sectionAnchor } from './section-anchor.js';

interface Props {
  sections: SectionView[];
  participants: Participant[];
  currentKey: string | null;
}

/** The outline beside the text: jumps to a section and shows who owns it and who is in it. */
export function ReportToc({ sections, participants, currentKey }: Props) {
  const jump = (key: string) => {
    document.getElementById(sectionAnchor(key))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <nav className="toc" aria-label="目录">
      <div className="toc-heading">目录</div>
      <ol className="toc-list">
        {sections.map((section) => {
          const here = participants.filter((participant) => participant.sectionKeys.includes(section.key));
          return (
            <li key={section.key}>
              <a href={`#${sectionAnchor(section.key)}`}
                className={`toc-item${section.key === currentKey ? ' is-current' : ''}`}
                onClick={(event) => { event.preventDefault(); jump(section.key); }}>
                <span className="toc-title">{section.number}、{section.title}</span>
                <span className="toc-owner">
                  {section.department}
                  {section.canEdit ? <span className="toc-mine">可编辑</span> : null}
                  <TocReviewInfo section={section} />
                </span>
                {here.length > 0 && (
                  <span className="toc-people">
                    {here.map((participant) => (
                      <span key={participant.id} className="toc-person" style={{ color: participant.color }}>
                        ● {participant.name}{participant.isSelf ? '（我）' : ''}
                      </span>
                    ))}
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
