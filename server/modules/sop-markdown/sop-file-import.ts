import { importDocx } from './docx-import';
import { importMarkdown, type ImportOptions, type ImportResult } from './markdown-import';
import { SopImportError } from './sop-import-error';

const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|txt)$/i;

/** Imports one file by its type (Markdown or .docx), as `sopdesk import PATH…` and the upload do. */
export async function importSopFile(fileName: string, bytes: Uint8Array, options: Omit<ImportOptions, 'fileName'> = {}): Promise<ImportResult> {
  if (MARKDOWN_EXTENSIONS.test(fileName)) return importMarkdown(bytes, { ...options, fileName });
  if (/\.docx$/i.test(fileName)) return importDocx(bytes, { ...options, fileName });
  if (/\.doc$/i.test(fileName)) {
    throw new SopImportError('import_unsupported_type', `${fileName} is an old Word document (.doc); save it as .docx and import that.`);
  }
  throw new SopImportError('import_unsupported_type', `${fileName}: only Markdown (.md) and Word (.docx) files can be imported.`);
}
