import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import type { UseCases } from '../../usecases/index.js';

/** `filename*` (RFC 6266/5987) carries Korean names; the plain `filename` is an ASCII stand-in for old clients. */
export function contentDisposition(filename: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /exports/:token`: an export file behind a signed, expiring link (PRODUCT.md §7). The token names one file of
 * one service; unknown or altered → 404 `not_found`, expired (or its file already purged) → 410 `gone`.
 */
export function registerExportRoutes(app: FastifyInstance, exportLinks: UseCases['exportLinks']): void {
  app.get<{ Params: { token: string } }>('/exports/:token', async (request, reply) => {
    const opened = await exportLinks.openExportLink(request.params.token);
    if ('error' in opened) {
      if (opened.error === 'expired') throw new ApiError(410, 'gone', 'This download link has expired.');
      throw new ApiError(404, 'not_found', 'No such download link.');
    }
    const size = await stat(opened.path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) throw new ApiError(410, 'gone', 'This download is no longer available.');
    return (
      reply
        .header('content-type', opened.contentType)
        .header(
          'content-disposition',
          // A chart is shown in the card; a workbook is downloaded.
          contentDisposition(
            opened.filename,
            opened.contentType.startsWith('image/') ? 'inline' : 'attachment',
          ),
        )
        .header('content-length', size)
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        // A download link is fetched once. Without this, a streamed file's keep-alive socket was still counted busy
        // at shutdown and held the server's close for the whole keep-alive timeout (72 s).
        .header('connection', 'close')
        .send(createReadStream(opened.path))
    );
  });
}
