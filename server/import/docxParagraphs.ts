import { unzipSync } from 'fflate';
import { ImportError } from './ImportError.js';

/** The unzipped main part may not exceed this (a guard against zip bombs). */
const MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024;

const BAD_DOCX = '无法读取该 .docx 文件（文件可能已损坏），请用 Word 重新保存后再导入';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/**
 * The text of a paragraph's runs: w:t text, w:tab as a tab, w:br and w:cr as line breaks.
 * Deleted text of tracked changes (w:delText) and field codes (w:instrText) are not text.
 */
function paragraphText(xml: string): string {
  let text = '';
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)(?:\s[^>]*)?\/>/g)) {
    if (match[1] !== undefined) text += decodeEntities(match[1]);
    else text += match[2] === 'tab' ? '\t' : '\n';
  }
  return text;
}

/**
 * The paragraphs of word/document.xml in document order, including those inside tables and
 * text boxes. Text boxes appear twice in a .docx (the modern shape and a VML fallback), so the
 * fallback copies are dropped first.
 */
export function docxParagraphs(bytes: Uint8Array): string[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== 'word/document.xml') return false;
        if (file.originalSize > MAX_DOCUMENT_XML_BYTES) throw new ImportError('too-large', '文档内容过大，无法导入');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('bad-docx', BAD_DOCX);
  }
  const documentXml = files['word/document.xml'];
  if (!documentXml) throw new ImportError('bad-docx', '这不是 Word 文档（.docx 中缺少正文），请检查文件');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(documentXml);
  } catch {
    throw new ImportError('bad-docx', BAD_DOCX);
  }
  const body = xml.replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, '');
  const paragraphs: string[] = [];
  for (const match of body.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    paragraphs.push(...paragraphText(match[1] ?? '').split('\n'));
  }
  return paragraphs;
}
