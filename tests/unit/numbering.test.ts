import { expect, test } from 'vitest';
import { chineseNumeral } from '../../shared/numbering.js';
import { parseSectionRoomName, sectionRoomName } from '../../shared/rooms.js';

test('section numbers in Chinese', () => {
  expect([1, 2, 9, 10, 11, 12, 19, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '二', '九', '十', '十一', '十二', '十九', '二十', '二十一', '九十九']);
  expect(() => chineseNumeral(0)).toThrow();
  expect(() => chineseNumeral(1.5)).toThrow();
});

test('room names round-trip and reject path tricks', () => {
  const room = { reportId: 'AbC_12-x', sectionKey: 'basic-info' };
  expect(parseSectionRoomName(sectionRoomName(room))).toEqual(room);
  for (const bad of ['reports/../sections/x', 'reports/a/sections/b/c', 'reports/a%2Fb/sections/c', 'reports/a/sections/', '/reports/a/sections/b', 'reports/a/sections/b?x=1']) {
    expect(parseSectionRoomName(bad), bad).toBeNull();
  }
});
