// sopdesk Markdown (exact, FORMAT.md) and the import of ordinary Markdown and .docx: pure functions,
// no database. The SOP service and the CLI call these.
export { exportSopMarkdown } from './sop-markdown-export';
export { isSopMarkdown, parseSopMarkdown, type ParsedSopMarkdown } from './sop-markdown-parse';
export type { SopVersionInfo } from './sop-markdown-format';
export { importMarkdown, type ImportOptions, type ImportResult } from './markdown-import';
export { importDocx, type DocxImportResult } from './docx-import';
export { importSopFile } from './sop-file-import';
export { DEFAULT_MAX_IMPORT_BYTES } from './import-input';
export type { ImportReport, ImportReportItem, ImportReportItemKind, ImportReportSummary } from './import-report';
export { SOP_IMPORT_ERROR_CODES, SopImportError, type SopImportErrorCode } from './sop-import-error';
