/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding): browsers
 * use the UTF-8 name, the plain one is an ASCII stand-in for clients that cannot read it.
 */
export function contentDisposition(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const extension = dot >= 0 ? filename.slice(dot) : '';
  const ascii = /^[\x20-\x7e]+$/.test(filename) ? filename.replace(/["\\]/g, '_') : `report${extension}`;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
