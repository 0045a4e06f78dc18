import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { SqliteWriteGate } from '../../server/storage/SqliteWriteGate.js';
import { tempDataDir } from '../helpers/server.js';

function walFile(): string {
  const file = path.join(tempDataDir(), 'gongxie.sqlite-wal');
  fs.writeFileSync(file, '');
  return file;
}

afterEach(() => { vi.restoreAllMocks(); });

test('a write waits, without blocking the event loop, while another thread holds the write lock', async () => {
  const gate = new SqliteWriteGate(walFile());
  let releaseMove!: () => void;
  const move = gate.holdFor(new Promise<void>((resolve) => { releaseMove = resolve; }));
  const order: string[] = [];
  const write = gate.write(() => order.push('write'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  order.push('timer');
  expect(gate.isHeld).toBe(true);
  releaseMove();
  await move;
  await write;
  expect(order).toEqual(['timer', 'write']);
  expect(gate.isHeld).toBe(false);
  gate.close();
});

test('a write resolves only once the WAL is synced, and after a failed sync nothing more is written', async () => {
  const gate = new SqliteWriteGate(walFile());
  const realSync = fs.fdatasync;
  let finishSync!: () => void;
  vi.spyOn(fs, 'fdatasync').mockImplementationOnce(((fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
    finishSync = () => realSync(fd, callback);
  }) as typeof fs.fdatasync);
  let resolved = false;
  const write = gate.write(() => 'done').then((result) => { resolved = true; return result; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(resolved).toBe(false);
  finishSync();
  expect(await write).toBe('done');

  vi.spyOn(fs, 'fdatasync').mockImplementationOnce(((_fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
    callback(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
  }) as typeof fs.fdatasync);
  await expect(gate.write(() => undefined)).rejects.toThrow('EIO');
  expect(gate.failed).toBe(true);
  const after = vi.fn();
  await expect(gate.write(after)).rejects.toThrow('failed disk sync');
  expect(after).not.toHaveBeenCalled();
  gate.close();
});
