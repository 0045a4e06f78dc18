import { expect, test } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessGate } from '../../server/collab/AwarenessGate.js';
import type { Connection } from '../../server/collab/Connection.js';
import { awarenessUpdateOf } from '../helpers/rawClient.js';

type State = Record<string, unknown> | null;

function serverAwareness() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const events: unknown[] = [];
  awareness.on('change', (change: unknown) => events.push(['change', change]));
  awareness.on('update', (change: unknown) => events.push(['update', change]));
  return { awareness, events };
}

test('the gate applies stamped presence exactly as y-protocols applies the same stamped update', () => {
  const actor = { id: 'u-zonghe', displayName: '综合事务部', department: '综合事务部' };
  const connection = { actor } as unknown as Connection;
  const user = { id: actor.id, name: actor.displayName, department: actor.department, color: '#30bced' };
  const cursor = (at: number) => ({ anchor: { item: { client: 7, clock: at } }, head: { item: { client: 7, clock: at } } });
  // New, moved, re-sent unchanged, stale, removed, then back: every branch of the apply.
  const steps: { clientId: number; clock: number; state: State }[][] = [
    [{ clientId: 7, clock: 1, state: { cursor: cursor(1) } }],
    [{ clientId: 7, clock: 2, state: { cursor: cursor(5) } }, { clientId: 8, clock: 1, state: { cursor: null } }],
    [{ clientId: 7, clock: 3, state: { cursor: cursor(5) } }],
    [{ clientId: 7, clock: 2, state: { cursor: cursor(9) } }],
    [{ clientId: 8, clock: 1, state: null }],
    [{ clientId: 8, clock: 2, state: { cursor: cursor(2) } }],
  ];

  const gated = serverAwareness();
  const gate = new AwarenessGate(gated.awareness);
  const reference = serverAwareness();
  for (const entries of steps) {
    gate.apply(awarenessUpdateOf(entries.map((e) => ({ ...e, state: e.state && { ...e.state, user: { name: '随便写的', color: '#30bced' } } }))), connection);
    awarenessProtocol.applyAwarenessUpdate(reference.awareness, awarenessUpdateOf(entries.map((e) => ({ ...e, state: e.state && { ...e.state, user } }))), connection);
  }

  expect(gated.events).toEqual(reference.events);
  expect(gated.events.length).toBeGreaterThan(6);
  expect([...gated.awareness.getStates()]).toEqual([...reference.awareness.getStates()]);
  expect([7, 8].map((id) => gated.awareness.meta.get(id)?.clock)).toEqual([3, 2]);
  gated.awareness.destroy();
  reference.awareness.destroy();
});
