import { ImportError } from './ImportError.js';

export interface DecodedText {
  text: string;
  notes: string[];
}

const NOT_TEXT = '文件不是文本文件，无法导入（请上传 .docx 或 .txt）';

/** Control characters other than tab, line feed, form feed and carriage return. */
function controlCharacterCount(text: string): number {
  let count = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) count += 1;
  }
  return count;
}

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Text from the bytes of a plain-text upload: UTF-8 (with or without BOM), UTF-16 with BOM, or
 * GB18030 (which covers GBK and GB2312, what Windows Notepad in Chinese saves). Anything with
 * NUL bytes or many control characters is refused as not text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes) ?? fail(), notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes) ?? fail(), notes: [] };
  if (bytes.includes(0)) fail();
  const utf8 = decode('utf-8', bytes);
  const notes: string[] = [];
  let text = utf8;
  if (text === undefined) {
    text = decode('gb18030', bytes);
    if (text === undefined) throw new ImportError('not-text', '无法识别文件编码（支持 UTF-8 和 GB18030/GBK），请另存为 UTF-8 文本或 .docx 后再导入');
    notes.push('文件为 GB18030（GBK）编码，已转换');
  }
  if (controlCharacterCount(text) > Math.max(8, text.length / 100)) fail();
  return { text, notes };
}

function fail(): never {
  throw new ImportError('not-text', NOT_TEXT);
}
