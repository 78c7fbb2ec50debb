/** Why an import was refused. Nothing is created when one of these is thrown. */
export const SOP_IMPORT_ERROR_CODES = [
  'import_empty',
  'import_binary',
  'import_too_large',
  'import_malformed',
  'import_unsupported_type',
] as const;

export type SopImportErrorCode = (typeof SOP_IMPORT_ERROR_CODES)[number];

/** A refused import: a stable code, a message for people, and the source line when one is to blame. */
export class SopImportError extends Error {
  readonly code: SopImportErrorCode;
  readonly line?: number;

  constructor(code: SopImportErrorCode, message: string, details: { line?: number } = {}) {
    super(message);
    this.name = 'SopImportError';
    this.code = code;
    if (details.line !== undefined) this.line = details.line;
  }
}
