import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Text items in content-stream order. */
  items: string[];
  /** [x0, y0, x1, y1] in points. */
  view: number[];
}

/** What a PDF reader extracts from each page (the text a person can select and search). */
export async function pdfPages(body: Uint8Array): Promise<PdfPage[]> {
  const task = getDocument({ data: new Uint8Array(body), useSystemFonts: false });
  try {
    const pdf = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const items = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : ''));
      pages.push({ items, view: page.view });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
