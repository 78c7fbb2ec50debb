import { IMPORT_MAX_BYTES, importBodySchema, importResultSchema } from '../../../common/api/imports';
import { invalidField } from '../../errors/app-error';
import { actorOf } from '../../http/access';
import { commonProblems, type App, type RouteDeps } from '../../http/types';
import { importSopDocument } from './sop-import.service';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Node's decoder skips characters it does not know, which would import garbage silently. */
function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) throw invalidField('body.contentBase64', 'is not valid base64');
  return Buffer.from(compact, 'base64');
}

export function registerImportRoutes(app: App, { db }: RouteDeps): void {
  app.post('/api/v1/sops/import', {
    config: { access: 'sop.create' },
    // The file travels as base64 (a third larger) inside JSON: allow that much, and no more.
    bodyLimit: Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024,
    schema: {
      tags: ['library'],
      summary: 'Import a Markdown or .docx file as a draft SOP (or, with dryRun, only report what would be created)',
      description: 'Nothing is written when the file is refused (empty, binary, malformed, too large) or when dryRun is true. The report says, line by line, what was mapped and what was kept as content.',
      body: importBodySchema,
      response: { 200: importResultSchema, 201: importResultSchema, 413: commonProblems[400], ...commonProblems },
    },
    handler: async (request, reply) => {
      const { fileName, contentBase64, dryRun } = request.body;
      const result = await importSopDocument(db, actorOf(request), { fileName, bytes: decodeBase64(contentBase64), dryRun });
      return reply.code(dryRun ? 200 : 201).send(result);
    },
  });
}
