import mammoth from 'mammoth';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { DEFAULT_MAX_IMPORT_BYTES, checkBinaryInput } from './import-input';
import { importMarkdownTree, type ImportOptions, type ImportResult } from './markdown-import';
import { parseMarkdown } from './markdown-processor';
import { SopImportError } from './sop-import-error';

// Word documents go through Markdown: mammoth turns the .docx into clean HTML (headings from heading
// styles, lists from numbering), rehype-remark turns that into Markdown, and the Markdown importer does
// the rest. The report's line numbers refer to that Markdown, which is returned with the result.

const htmlToMarkdown = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fence: '`', fences: true, listItemIndent: 'one', rule: '-' })
  .freeze();

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];

export type DocxImportResult = ImportResult & {
  /** The Markdown the .docx was converted to; the report's line numbers refer to it. */
  convertedMarkdown: string;
};

/** Brings a .docx in as SOP content, like `importMarkdown`; mammoth's own messages are in the report. */
export async function importDocx(input: Uint8Array, options: ImportOptions = {}): Promise<DocxImportResult> {
  checkBinaryInput(input, options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES);
  // A .docx is a zip archive: "PK\x03\x04".
  if (input[0] !== 0x50 || input[1] !== 0x4b || input[2] !== 0x03 || input[3] !== 0x04) {
    throw new SopImportError('import_malformed', 'This is not a .docx file: a .docx is a zip archive, and this file is not one.');
  }
  let images = 0;
  let converted: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(input.buffer, input.byteOffset, input.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images are not imported (they would arrive as large data: URLs); their alternative text is.
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        }),
      },
    );
  } catch (cause) {
    throw new SopImportError('import_malformed', `This .docx could not be read: ${(cause as Error).message.split('\n')[0]}`);
  }
  const markdown = String(htmlToMarkdown.processSync(converted.value)).replace(/\r\n?/g, '\n');
  if (markdown.trim() === '') throw new SopImportError('import_empty', 'The document has no text to import.');
  const notes = converted.messages.map((message) => `Word conversion (${message.type}): ${message.message}`);
  if (images > 0) notes.push(`${images} image${images === 1 ? ' was' : 's were'} not imported (only alternative text is kept); add ${images === 1 ? 'it' : 'them'} again if the procedure needs ${images === 1 ? 'it' : 'them'}.`);
  const result = importMarkdownTree(markdown, parseMarkdown(markdown), options, 'docx', notes);
  return { ...result, convertedMarkdown: markdown };
}
