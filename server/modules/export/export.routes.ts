import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idField } from '../../../common/api/fields';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { exportFlowchartSvg, exportManual, type ExportFile } from './export.service';

// Files, not JSON: the manual the UI links to (HTML to read and print, PDF to download) and an
// SOP's flowchart as SVG.

/** Nothing in an exported file may run or load anything: the HTML has inline CSS only, the SVG inline attributes. */
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sendFile(reply: FastifyReply, file: ExportFile, disposition: 'inline' | 'attachment'): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
    .header('content-security-policy', FILE_CSP)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

const flowchartQuery = z.strictObject({ versionId: idField.optional().describe('A version the caller may see; default the published one') });

export function registerExportRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/manual.html', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'The published manual as one self-contained HTML page (title page, contents, every SOP, flowcharts)', response: commonProblems },
    handler: async (request, reply) => sendFile(reply, await exportManual(db, actorOf(request), 'html'), 'inline'),
  });

  app.get('/api/v1/manual.pdf', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'The published manual as a PDF download', response: commonProblems },
    handler: async (request, reply) => sendFile(reply, await exportManual(db, actorOf(request), 'pdf'), 'attachment'),
  });

  app.get('/api/v1/sops/:id/flowchart.svg', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'The flowchart of an SOP as an SVG download', params: idParams, querystring: flowchartQuery, response: commonProblems },
    handler: async (request, reply) => sendFile(reply, await exportFlowchartSvg(db, actorOf(request), request.params.id, request.query.versionId), 'attachment'),
  });
}
