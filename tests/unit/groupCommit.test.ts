import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../server/collab/GroupCommit.js';
import type { DocumentStore, DocumentUpdate } from '../../server/storage/Store.js';

const INTERVAL_MS = 25;

/** A document store whose appends finish when the test says so, recording each batch. */
function controlledStore() {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const documents = {
    append: (batch: readonly DocumentUpdate[]) => {
      batches.push(batch.map(({ update }) => new TextDecoder().decode(update)));
      return new Promise<void>((resolve) => finish.push(resolve));
    },
  } as unknown as DocumentStore;
  return { documents, batches, finishNext: () => finish.shift()!() };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('GroupCommit', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('commits a lone update at once, and what arrives during a commit together after the interval', async () => {
    const store = controlledStore();
    const commit = new GroupCommit(store.documents, INTERVAL_MS);
    const acknowledged: string[] = [];
    const append = (text: string) => commit.append('doc', bytes(text)).then(() => acknowledged.push(text));

    void append('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.batches).toEqual([['a']]);

    void append('b');
    void append('c');
    store.finishNext();
    await vi.advanceTimersByTimeAsync(0);
    expect(acknowledged).toEqual(['a']);
    // b and c wait for the interval that started with a's commit, then share one commit.
    expect(store.batches).toEqual([['a']]);
    void append('d');
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(store.batches).toEqual([['a'], ['b', 'c', 'd']]);
    store.finishNext();
    await vi.advanceTimersByTimeAsync(0);
    expect(acknowledged).toEqual(['a', 'b', 'c', 'd']);

    // After a quiet spell the next update does not wait.
    await vi.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    void append('e');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    store.finishNext();
    await commit.flush();
    expect(acknowledged).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('rejects every update of a failed commit and goes on with the next', async () => {
    let fail = true;
    const documents = {
      append: async () => { if (fail) throw new Error('disk full'); },
    } as unknown as DocumentStore;
    const commit = new GroupCommit(documents, 0);
    const first = commit.append('doc', bytes('a'));
    const second = commit.append('doc', bytes('b'));
    const outcome = Promise.allSettled([first, second]);
    await vi.advanceTimersByTimeAsync(0);
    expect((await outcome).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    const third = commit.append('doc', bytes('c'));
    await vi.advanceTimersByTimeAsync(0);
    await expect(third).resolves.toBeUndefined();
  });
});
