/* Generated from schemas/problem.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Problem (RFC 9457)
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /**
   * The request's id: the X-Request-Id sent, or one the service made up; the request log line carries it too
   */
  requestId?: string;
  errors?: {
    /**
     * JSON pointer (RFC 6901) to the offending field
     */
    pointer: string;
    detail: string;
  }[];
}
