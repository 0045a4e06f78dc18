/** Import of real reports (.docx and plain text) into sections of ProseMirror JSON. */
export { importReport, MAX_IMPORT_BYTES } from './importReport.js';
export { ImportError, type ImportErrorCode } from './ImportError.js';
export type { ImportedAmount, ImportedSection, ImportResult } from './types.js';
