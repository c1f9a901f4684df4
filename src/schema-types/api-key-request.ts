/* Generated from schemas/api-key-request.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * API key request
 *
 * An administrator creates a key for an applicant system, a policy-staff member, an auditor or another administrator, scoped to jurisdictions (each with everything below it; "*" for all).
 */
export interface ApiKeyRequest {
  name: string;
  role: 'applicant' | 'policy-staff' | 'auditor' | 'admin';
  /**
   * @minItems 1
   * @maxItems 50
   */
  jurisdictions: string[];
}
