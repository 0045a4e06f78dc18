/** Why an upload was refused; `message` is shown to the user as is. */
export type ImportErrorCode = 'empty' | 'too-large' | 'not-text' | 'unsupported-format' | 'bad-docx' | 'not-a-report';

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(readonly code: ImportErrorCode, message: string) {
    super(message);
  }
}
