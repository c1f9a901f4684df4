/* Generated from schemas/readable-explanation.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Readable explanation / 决定说明
 *
 * A decision in words: the applicant, the program and version with its dates and policy references, each condition with its actual value and a mark, each calculation step with its numbers, each cap with its limit and cut, and the outcome; amounts as policy texts write them (300万元) beside the exact yuan. An HTML page (every text escaped, no script), Markdown or plain text.
 */
export type ReadableExplanation = string;
