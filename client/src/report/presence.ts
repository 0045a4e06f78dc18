import { useEffect, useState } from 'react';
import type { SectionSession } from './section-session.js';

export interface Participant {
  id: string;
  name: string;
  color: string;
  department: string | null;
  /** Keys of the sections this person's caret is in right now. */
  sectionKeys: string[];
  isSelf: boolean;
}

interface AwarenessUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
  department?: unknown;
}

/**
 * Everyone in the report, merged over the sections' awareness (one person has a state in each
 * section room). The server stamps `user.id/name/department`; `cursor` is set while a person's
 * caret is in that section's editor.
 */
export function collectParticipants(sessions: SectionSession[], self: { id: string; name: string; color: string }): Participant[] {
  const byId = new Map<string, Participant>();
  const add = (id: string, fields: Omit<Participant, 'sectionKeys' | 'id'>, sectionKey: string | null) => {
    const participant = byId.get(id) ?? { id, ...fields, sectionKeys: [] };
    if (sectionKey && !participant.sectionKeys.includes(sectionKey)) participant.sectionKeys.push(sectionKey);
    byId.set(id, participant);
  };

  add(self.id, { name: self.name, color: self.color, department: null, isSelf: true }, null);
  for (const session of sessions) {
    for (const [clientId, state] of session.provider.awareness.getStates()) {
      const inSection = state.cursor != null ? session.section.key : null;
      if (clientId === session.doc.clientID) {
        if (inSection) add(self.id, { name: self.name, color: self.color, department: null, isSelf: true }, inSection);
        continue;
      }
      const user = (state.user ?? {}) as AwarenessUser;
      if (typeof user.id !== 'string' || typeof user.name !== 'string') continue;
      add(user.id, {
        name: user.name,
        color: typeof user.color === 'string' ? user.color : '#777777',
        department: typeof user.department === 'string' ? user.department : null,
        isSelf: user.id === self.id,
      }, inSection);
    }
  }
  return [...byId.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'zh-CN'));
}

export function usePresence(sessions: SectionSession[], self: { id: string; name: string; color: string }): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>(() => collectParticipants(sessions, self));
  const { id, name, color } = self;

  useEffect(() => {
    let last = '';
    const refresh = () => {
      const next = collectParticipants(sessions, { id, name, color });
      const serialized = JSON.stringify(next);
      if (serialized === last) return;
      last = serialized;
      setParticipants(next);
    };
    refresh();
    const awarenesses = sessions.map((session) => session.provider.awareness);
    awarenesses.forEach((awareness) => awareness.on('change', refresh));
    return () => awarenesses.forEach((awareness) => awareness.off('change', refresh));
  }, [sessions, id, name, color]);

  return participants;
}
