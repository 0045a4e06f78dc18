import { parseArgs } from 'node:util';
import { expect, test } from 'vitest';
import { randomId } from '../../server/ids.js';

test('ids are 16 letters and digits, distinct, and always read as an argument on a command line', () => {
  const ids = Array.from({ length: 5000 }, () => randomId());
  expect(ids.every((id) => /^[A-Za-z0-9]{16}$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  // How the CLI reads `export <report id> --format md`: with base64url ids, one in 64 began with '-'.
  for (const id of ids) {
    const { positionals } = parseArgs({ args: [id, '--format', 'md'], allowPositionals: true, options: { format: { type: 'string' } } });
    expect(positionals).toEqual([id]);
  }
  expect(randomId(6)).toMatch(/^[A-Za-z0-9]{6}$/);
});
