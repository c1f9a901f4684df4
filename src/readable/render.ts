import { cellText, isMarked, type Block, type Cell, type ReadableDocument, type TreeNode } from './blocks';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#111;line-height:1.5}
h1{font-size:1.5em;border-bottom:2px solid #333}h2{font-size:1.25em;margin-top:1.5em;border-bottom:1px solid #999}h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f0f0f0}
table.fields th{width:12em}ul.tree{list-style:none;padding-left:1.2em}ul.tree>li{margin:.2em 0}
.mark{font-weight:bold;white-space:nowrap}.pass{color:#11702f}.fail{color:#b00020}.unknown{color:#8a5a00}code{font-size:.9em}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

function htmlCell(c: Cell): string {
  if (!isMarked(c)) return escapeHtml(c);
  return `<span class="mark ${c.mark}">${escapeHtml(c.markText)}</span>${c.text ? ` ${escapeHtml(c.text)}` : ''}`;
}

function htmlTree(n: TreeNode): string {
  const kids = n.children.length ? `<ul class="tree">${n.children.map((c) => `<li>${htmlTree(c)}</li>`).join('')}</ul>` : '';
  return `<span class="mark ${n.mark.mark}">${escapeHtml(n.mark.markText)}</span> ${escapeHtml(n.text)}${kids}`;
}

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'fields':
      return `<table class="fields">${b.rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${htmlCell(v)}</td></tr>`).join('')}</table>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'tree':
      return `<ul class="tree"><li>${htmlTree(b.root)}</li></ul>`;
  }
}

/** A page to read or print: every text escaped, no script, styles inline. */
export function renderHtml(doc: ReadableDocument): string {
  return `<!DOCTYPE html>\n<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(doc.title)}</h1>\n${doc.blocks.map(htmlBlock).join('\n')}\n</body></html>\n`;
}

/** Escapes Markdown's punctuation (and raw HTML) so a fact's text can never become markup; line breaks become spaces. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

function mdCell(c: Cell): string {
  return escapeMarkdown(cellText(c));
}

function mdTree(n: TreeNode, depth: number): string[] {
  return [`${'  '.repeat(depth)}- ${escapeMarkdown(`${n.mark.markText} ${n.text}`)}`, ...n.children.flatMap((c) => mdTree(c, depth + 1))];
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return escapeMarkdown(b.text);
    case 'fields':
      return ['| | |', '|---|---|', ...b.rows.map(([k, v]) => `| **${escapeMarkdown(k)}** | ${mdCell(v)} |`)].join('\n');
    case 'table':
      return [`| ${b.head.map(escapeMarkdown).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
    case 'list':
      return b.items.map((i) => `- ${escapeMarkdown(i)}`).join('\n');
    case 'tree':
      return mdTree(b.root, 0).join('\n');
  }
}

export function renderMarkdown(doc: ReadableDocument): string {
  return `# ${escapeMarkdown(doc.title)}\n\n${doc.blocks.map(mdBlock).join('\n\n')}\n`;
}

function textTree(n: TreeNode, depth: number): string[] {
  return [`${'  '.repeat(depth)}${n.mark.markText} ${oneLine(n.text)}`, ...n.children.flatMap((c) => textTree(c, depth + 1))];
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

function textBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${oneLine(b.text)}\n${(b.level === 2 ? '=' : '-').repeat(Math.min(60, [...b.text].length * 2))}`;
    case 'paragraph':
      return oneLine(b.text);
    case 'fields':
      return b.rows.map(([k, v]) => `${oneLine(k)}: ${oneLine(cellText(v))}`).join('\n');
    case 'table':
      return b.rows.map((r) => `- ${r.map((c, i) => `${oneLine(b.head[i] ?? '')}: ${oneLine(cellText(c))}`).join('; ')}`).join('\n');
    case 'list':
      return b.items.map((i) => `- ${oneLine(i)}`).join('\n');
    case 'tree':
      return textTree(b.root, 0).join('\n');
  }
}

export function renderText(doc: ReadableDocument): string {
  return `${oneLine(doc.title)}\n\n${doc.blocks.map(textBlock).join('\n\n')}\n`;
}
