/* Generated from schemas/uscc.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * 统一社会信用代码 / unified social credit code
 *
 * 18 characters per GB 32100-2015: registration authority, kind, 6-digit division code, 9-character organisation code and a check character; the check character is verified.
 */
export type Uscc = string;
