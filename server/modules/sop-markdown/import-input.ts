import { SopImportError } from './sop-import-error';

/** Larger files are refused: an SOP is a few pages, and parsing is linear but not free. */
export const DEFAULT_MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a Markdown upload, or a refusal: empty, binary (NUL bytes, not UTF-8) or too large. Line endings become LF. */
export function decodeMarkdownInput(input: string | Uint8Array, maxBytes = DEFAULT_MAX_IMPORT_BYTES): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw new SopImportError('import_too_large', `The file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}.`);
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.includes(0)) throw new SopImportError('import_binary', 'The file contains NUL bytes: it is binary, not Markdown text.');
    try {
      text = utf8.decode(input);
    } catch {
      throw new SopImportError('import_binary', 'The file is not UTF-8 text: it looks binary (or uses another encoding; save it as UTF-8).');
    }
  }
  if (text.includes('\u0000')) throw new SopImportError('import_binary', 'The file contains NUL characters: it is binary, not Markdown text.');
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new SopImportError('import_empty', 'The file is empty (or only white space): there is nothing to import.');
  return text;
}

/** Refuses an empty or oversized binary upload (a .docx) before it is opened. */
export function checkBinaryInput(input: Uint8Array, maxBytes = DEFAULT_MAX_IMPORT_BYTES): void {
  if (input.byteLength === 0) throw new SopImportError('import_empty', 'The file is empty: there is nothing to import.');
  if (input.byteLength > maxBytes) throw new SopImportError('import_too_large', `The file is ${formatBytes(input.byteLength)}; the limit is ${formatBytes(maxBytes)}.`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
