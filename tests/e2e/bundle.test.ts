import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { requireBuiltClient } from './support/browser.js';

const ASSETS = path.resolve(import.meta.dirname, '../../dist/client/assets');

// Every copy of yjs carries this guard message; two copies break `instanceof` across packages.
const YJS_MARKER = 'Yjs was already imported';

test('the built client contains exactly one copy of yjs', () => {
  requireBuiltClient();
  const scripts = fs.readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
  const copies = scripts
    .map((name) => fs.readFileSync(path.join(ASSETS, name), 'utf8').split(YJS_MARKER).length - 1)
    .reduce((sum, count) => sum + count, 0);
  expect(copies).toBe(1);
});
