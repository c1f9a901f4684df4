import { Router, type Request } from 'express';
import { readableExplanation } from '../../readable/explain';
import { renderHtml, renderMarkdown, renderText } from '../../readable/render';
import type { Lang } from '../../readable/words';
import { notFound, unprocessable } from '../../service/errors';
import { canSee } from '../access-scope';
import { authorize } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, checkId } from '../validation';

const FORMATS = { html: 'text/html', markdown: 'text/markdown', text: 'text/plain' } as const;
type Format = keyof typeof FORMATS;

/** ?format= wins; otherwise Accept (HTML for browsers and anything unspecific). */
function formatOf(req: Request): Format {
  const asked = req.query.format;
  if (asked !== undefined) {
    if (typeof asked === 'string' && asked in FORMATS) return asked as Format;
    throw unprocessable('unknown format', [{ pointer: '/query/format', detail: 'must be html, markdown or text' }]);
  }
  const type = req.accepts(['text/html', 'text/markdown', 'text/plain']);
  return type === 'text/markdown' ? 'markdown' : type === 'text/plain' ? 'text' : 'html';
}

/** ?lang= wins; otherwise Accept-Language; Chinese by default. */
function langOf(req: Request): Lang {
  const asked = req.query.lang;
  if (asked !== undefined) {
    if (asked === 'zh' || asked === 'en') return asked;
    throw unprocessable('unknown language', [{ pointer: '/query/lang', detail: 'must be zh or en' }]);
  }
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

/** GET /v1/decisions/{id}/explanation: the decision in words, as HTML, Markdown or plain text, zh or en. */
export function explanationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/v1/decisions/:id/explanation', authorize('explainDecision'), allowQuery('format', 'lang'), async (req, res) => {
    const id = String(req.params.id);
    checkId('dec', id);
    const format = formatOf(req);
    const lang = langOf(req);
    const decision = await ctx.repositories.decisions.get(id);
    if (!decision || !canSee(res, ctx.catalog, { client: decision.client, jurisdiction: decision.beneficiaryJurisdiction })) throw notFound(`no decision ${id}`);
    const application = await ctx.repositories.applications.get(decision.applicationId);
    const doc = readableExplanation(ctx.catalog, decision, application, lang);
    const body = format === 'html' ? renderHtml(doc) : format === 'markdown' ? renderMarkdown(doc) : renderText(doc);
    res.vary('Accept').vary('Accept-Language').set('Content-Language', lang === 'zh' ? 'zh-CN' : 'en');
    res.type(`${FORMATS[format]}; charset=utf-8`).send(body);
  });
  return router;
}
