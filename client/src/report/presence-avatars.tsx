import type { SectionView } from '../../../shared/api.js';
import type { Participant } from './presence.js';

/** Round initials for everyone in the report; the tooltip says where each person is writing. */
export function PresenceAvatars({ participants, sections }: { participants: Participant[]; sections: SectionView[] }) {
  const place = (participant: Participant) => {
    const titles = participant.sectionKeys
      .map((key) => sections.find((section) => section.key === key))
      .filter((section): section is SectionView => section !== undefined)
      .map((section) => `${section.number}、${section.title}`);
    return titles.length > 0 ? `正在编辑：${titles.join('、')}` : '正在阅读';
  };

  return (
    <ul className="presence" aria-label="在线成员">
      {participants.map((participant) => (
        <li key={participant.id} className="presence-item" data-user={participant.name}
          title={`${participant.name}${participant.isSelf ? '（我）' : ''}${participant.department ? ` · ${participant.department}` : ''} · ${place(participant)}`}>
          <span className="avatar" style={{ backgroundColor: participant.color }}>{participant.name.slice(0, 1)}</span>
        </li>
      ))}
    </ul>
  );
}
