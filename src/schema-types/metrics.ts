/* Generated from schemas/metrics.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Prometheus metrics / 运行指标
 *
 * The Prometheus text exposition format (version 0.0.4), as GET /metrics answers it.
 */
export type Metrics = string;
