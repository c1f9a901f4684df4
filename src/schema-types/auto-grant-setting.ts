/* Generated from schemas/auto-grant-setting.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Auto-grant review setting / 免申即享审核
 *
 * Policy staff hold a program's grants without application for review: the matching job then proposes each grant instead of deciding it, and a grant is decided when approved. Without a setting, grants are decided at once.
 */
export interface AutoGrantSetting {
  holdForReview: boolean;
}
