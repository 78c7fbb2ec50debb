import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sopContentSchema } from '../../../common/procedure/model';
import { importDocx } from './docx-import';
import { importSopFile } from './sop-file-import';
import { findMissingWords } from './test-support/text-preservation';

// fixtures/parcel-replacement.docx is written by fixtures/make-docx-fixture.py: a Title, Heading 1
// sections, a numbered list with a nested level, bold text, a table, a hyperlink.
const docx = readFileSync(new URL('./fixtures/parcel-replacement.docx', import.meta.url));

describe('importing a .docx', () => {
  it('reads title, sections, numbered and nested steps and the If/Otherwise decision', async () => {
    const result = await importDocx(docx, { fileName: 'parcel-replacement.docx' });
    expect(result.metadata.title).toBe('Replace a damaged parcel');
    expect(result.content.purpose).toBe('Customers who receive a damaged parcel get a replacement quickly, and the carrier pays for the damage.');
    expect(result.content.scope).toBe('Applies to parcels reported damaged within 14 days of delivery, by phone, email or chat.');
    expect(result.content.procedure.map((step) => step.text)).toEqual([
      'Confirm the order number and the delivery date.',
      'Ask the customer for a photo of the damage.',
      'Check whether the parcel was delivered more than 14 days ago.',
    ]);
    expect(result.content.procedure[0]?.detail).toBe('Read them back to the customer.');
    expect(result.content.procedure[1]?.substeps?.map((step) => step.text)).toEqual(['Check that the photo shows the parcel label.', 'Save the photo to the case.']);
    expect(result.content.procedure[2]?.branches?.map((branch) => branch.label)).toEqual(['If the parcel was delivered more than 14 days ago', 'Otherwise']);
    expect(result.content.glossary).toEqual([{ term: 'Carrier reference', definition: 'the tracking code the delivery company gives each parcel.' }]);
    expect(result.content.references).toEqual([{ kind: 'link', target: 'https://example.com/returns-policy', label: 'Returns policy' }]);
    expect(result.content.additionalSections.map((section) => section.title)).toEqual(['Service levels']);
    expect(result.content.additionalSections[0]?.body).toContain('| Phone   | 80% answered within 60 seconds    |');
    expect(sopContentSchema.parse(result.content)).toEqual(result.content);
  });

  it('keeps every word, treats markup in the text as text, and reports lines of the converted Markdown', async () => {
    const result = await importDocx(docx, { fileName: 'parcel-replacement.docx' });
    expect(findMissingWords(result.convertedMarkdown, result)).toEqual([]);
    expect(result.content.procedure[2]?.detail).toBe('Type \\<script>alert(1)\\</script> is shown as text, never run.');
    expect(result.report.format).toBe('docx');
    const lines = result.convertedMarkdown.split('\n').length;
    expect(result.report.items.every((item) => item.endLine <= lines)).toBe(true);
    expect(result.report.items).toContainEqual(expect.objectContaining({ kind: 'mapped', target: 'metadata.title', line: 1 }));
  });

  it('is what importSopFile uses for .docx', async () => {
    const result = await importSopFile('parcel-replacement.docx', docx);
    expect(result.report.format).toBe('docx');
    expect(result.report.fileName).toBe('parcel-replacement.docx');
  });
});
