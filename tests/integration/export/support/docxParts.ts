import { strFromU8, unzipSync } from 'fflate';

/** The XML parts of a .docx (it is a zip), by path inside the package. */
export function docxParts(docx: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(docx)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

export function part(parts: Map<string, string>, name: string): string {
  const xml = parts.get(name);
  if (xml === undefined) throw new Error(`no part ${name} in the package (has ${[...parts.keys()].join(', ')})`);
  return xml;
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface WordParagraph {
  xml: string;
  text: string;
  style: string | undefined;
}

/** Every <w:p> of a part in document order, with its text and paragraph style. */
export function paragraphs(xml: string): WordParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join(''),
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1],
  }));
}

/** The attributes of the first element `name` in `xml`, e.g. attributes(xml, 'w:pgMar')['w:top']. */
export function attributes(xml: string, name: string): Record<string, string> {
  const element = new RegExp(`<${name}((?: [^>]*?)?)/?>`).exec(xml);
  if (!element) throw new Error(`no <${name}>`);
  return Object.fromEntries([...element[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The XML of a named style in styles.xml. */
export function styleXml(stylesXml: string, styleId: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${styleId}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  if (!match) throw new Error(`no style ${styleId}`);
  return match[0];
}
