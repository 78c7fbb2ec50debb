import { describe, expect, it } from 'vitest';
import { importDocx } from './docx-import';
import { importMarkdown } from './markdown-import';
import { importSopFile } from './sop-file-import';
import { SopImportError, type SopImportErrorCode } from './sop-import-error';

// An import that is refused creates nothing and says why, with a stable code.

function refusal(run: () => unknown): SopImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof SopImportError) return error;
    throw error;
  }
  throw new Error('The import was not refused.');
}

async function asyncRefusal(run: () => Promise<unknown>): Promise<SopImportError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SopImportError) return error;
    throw error;
  }
  throw new Error('The import was not refused.');
}

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('refused Markdown', () => {
  it.each<[string, string | Uint8Array, SopImportErrorCode]>([
    ['an empty file', '', 'import_empty'],
    ['an empty upload', new Uint8Array(), 'import_empty'],
    ['white space only', ' \n\t\n  \r\n', 'import_empty'],
    ['a byte-order mark and nothing else', bytes(0xef, 0xbb, 0xbf, 0x0a), 'import_empty'],
    ['NUL bytes', bytes(0x23, 0x20, 0x41, 0x00, 0x42), 'import_binary'],
    ['bytes that are not UTF-8', bytes(0x23, 0x20, 0xc3, 0x28, 0xff), 'import_binary'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00), 'import_binary'],
    ['a NUL character in a string', '# Title\u0000', 'import_binary'],
  ])('refuses %s', (_what, input, code) => {
    expect(refusal(() => importMarkdown(input)).code).toBe(code);
  });

  it('refuses a file larger than the limit, and names both sizes', () => {
    const error = refusal(() => importMarkdown('# Title\n\n' + 'x'.repeat(3000), { maxBytes: 2048 }));
    expect(error.code).toBe('import_too_large');
    expect(error.message).toMatch(/2\.9 KiB; the limit is 2\.0 KiB/);
    // Counted in bytes, not characters.
    expect(refusal(() => importMarkdown('é'.repeat(1100), { maxBytes: 2048 })).code).toBe('import_too_large');
    expect(() => importMarkdown('é'.repeat(1000), { maxBytes: 2048 })).not.toThrow();
  });

  it('has a 2 MiB limit by default', () => {
    expect(refusal(() => importMarkdown(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61))).code).toBe('import_too_large');
  });

  it('refuses malformed front matter with the line of the error', () => {
    const error = refusal(() => importMarkdown('---\ntitle: Refunds\ncategory: [unclosed\nowner: me\n---\n\n# Refunds\n'));
    expect(error.code).toBe('import_malformed');
    expect(error.message).toMatch(/front matter is not valid YAML \(line \d+\)/);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.line).toBeLessThanOrEqual(5);
  });

  it('refuses front matter with a duplicate key, or that is not a list of keys', () => {
    expect(refusal(() => importMarkdown('---\ntitle: A\ntitle: B\n---\n\ntext\n')).code).toBe('import_malformed');
    expect(refusal(() => importMarkdown('---\n- just\n- a list\n---\n\ntext\n')).code).toBe('import_malformed');
  });

  it('reads UTF-8 with a byte-order mark, and CRLF line ends', () => {
    const result = importMarkdown(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('---\r\ntitle: Réclamations\r\n---\r\n\r\n## Steps\r\n\r\n1. Écouter le client.\r\n')]));
    expect(result.metadata.title).toBe('Réclamations');
    expect(result.content.procedure.map((step) => step.text)).toEqual(['Écouter le client.']);
  });
});

describe('refused .docx', () => {
  it('refuses an empty file, a file that is not a zip, and a zip that is not a Word document', async () => {
    expect((await asyncRefusal(() => importDocx(new Uint8Array()))).code).toBe('import_empty');
    const notZip = await asyncRefusal(() => importDocx(new TextEncoder().encode('# Markdown, renamed to .docx')));
    expect(notZip.code).toBe('import_malformed');
    expect(notZip.message).toMatch(/not a \.docx file/);
    // An empty zip archive: the end-of-central-directory record alone, after a local-file signature.
    const zipWithoutDocument = bytes(0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0));
    const error = await asyncRefusal(() => importDocx(zipWithoutDocument));
    expect(error.code).toBe('import_malformed');
    expect(error.message).toMatch(/could not be read/);
  });

  it('refuses a .docx larger than the limit', async () => {
    expect((await asyncRefusal(() => importDocx(new Uint8Array(4096).fill(0x50), { maxBytes: 1024 }))).code).toBe('import_too_large');
  });
});

describe('file types', () => {
  it('imports by extension and refuses other types', async () => {
    const markdown = await importSopFile('refunds.md', new TextEncoder().encode('# Refunds\n\n## Steps\n\n1. Refund.\n'));
    expect(markdown.metadata.title).toBe('Refunds');
    expect((await asyncRefusal(() => importSopFile('refunds.doc', bytes(0xd0, 0xcf)))).code).toBe('import_unsupported_type');
    expect((await asyncRefusal(() => importSopFile('refunds.pdf', bytes(0x25, 0x50)))).message).toMatch(/only Markdown \(\.md\) and Word \(\.docx\)/);
  });
});
