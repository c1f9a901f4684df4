/**
 * A readable explanation as blocks, before it is written as HTML, Markdown or plain text: the
 * three formats render the same blocks, so they say the same things. Every string here is
 * plain text; each renderer escapes it for its format.
 */
export type Verdict = 'pass' | 'fail' | 'unknown';

export interface MarkedText {
  text: string;
  mark: Verdict;
  /** The mark in words (✔ 满足 / ✘ not met …). */
  markText: string;
}

export type Cell = string | MarkedText;

export interface TreeNode {
  mark: MarkedText;
  text: string;
  children: TreeNode[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: [string, Cell][] }
  | { kind: 'table'; head: string[]; rows: Cell[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'tree'; root: TreeNode };

export interface ReadableDocument {
  lang: 'zh' | 'en';
  title: string;
  blocks: Block[];
}

export const isMarked = (c: Cell): c is MarkedText => typeof c !== 'string';
export const cellText = (c: Cell): string => (isMarked(c) ? `${c.markText} ${c.text}`.trim() : c);
