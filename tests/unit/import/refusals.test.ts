import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { expect, test } from 'vitest';
import { ImportError, importReport, MAX_IMPORT_BYTES } from '../../../server/import/index.js';

function refusal(bytes: Uint8Array, filename = 'x.txt'): ImportError {
  try {
    importReport(bytes, filename);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected a refusal');
}

test('empty files and files of only whitespace are refused', () => {
  expect(refusal(new Uint8Array()).code).toBe('empty');
  expect(refusal(new Uint8Array()).message).toBe('文件是空的');
  expect(refusal(new TextEncoder().encode(' \n\u3000\r\n\t')).code).toBe('empty');
});

test('files over 5 MB are refused before they are read', () => {
  const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
  const error = refusal(huge);
  expect(error.code).toBe('too-large');
  expect(error.message).toMatch(/^文件过大（5\.0 MB），最大 5 MB$/);
});

test('binary data is not text', () => {
  const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  expect(refusal(random).code).toBe('not-text');
  expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])).code).toBe('not-text');
  expect(refusal(new Uint8Array([0x41, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10])).message).toContain('不是文本文件');
});

test('PDF and legacy .doc get a hint what to upload instead', () => {
  const pdf = refusal(new TextEncoder().encode('%PDF-1.7\n...'), 'a.pdf');
  expect(pdf.code).toBe('unsupported-format');
  expect(pdf.message).toContain('.docx');
  const doc = refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.doc');
  expect(doc.code).toBe('unsupported-format');
  expect(doc.message).toContain('另存为 .docx');
});

test('broken or foreign zip files are not Word documents', () => {
  expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.docx').code).toBe('bad-docx');
  expect(refusal(zipSync({ 'xl/workbook.xml': strToU8('<x/>') }), 'a.xlsx').code).toBe('bad-docx');
  expect(refusal(new TextEncoder().encode('plain text'), 'a.docx').code).toBe('bad-docx');
});

test('text that is not a 自评报告 is refused with the reason', () => {
  const minutes = new Uint8Array(readFileSync(new URL('../../fixtures/import/not-a-report.txt', import.meta.url)));
  const error = refusal(minutes);
  expect(error.code).toBe('not-a-report');
  expect(error.message).toContain('没有识别出自评报告的结构');
  expect(refusal(new TextEncoder().encode('随便写的一段话。')).code).toBe('not-a-report');
});
