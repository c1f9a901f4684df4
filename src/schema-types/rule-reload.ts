/* Generated from schemas/rule-reload.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Rule reload / 规则重新加载
 *
 * The answer to POST /v1/rule-reloads: whether the rule files were reloaded (the whole set validated) or refused (the service keeps serving the rules it had), with the event recorded.
 */
export interface RuleReload {
  /**
   * Outcome
   *
   * reloaded: the new set serves every request that starts from now; refused: nothing changed, see event.errors.
   */
  outcome: 'reloaded' | 'refused';
  event: RuleReloadEvent;
}
/**
 * Version
 *
 * One version of one program with its hashes.
 *
 * This interface was referenced by `RuleReload`'s JSON-Schema
 * via the `definition` "versionRef".
 */
export interface RuleReloadVersionRef {
  /**
   * Program
   *
   * jurisdiction/name.
   */
  program: string;
  /**
   * Version label
   *
   * As in the pack.
   */
  version: string;
  /**
   * Status
   *
   * draft or published.
   */
  status: 'draft' | 'published';
  /**
   * Content hash
   *
   * sha256 of the version's content (recorded when published).
   */
  contentHash: string;
  /**
   * Rule hash
   *
   * sha256 of the rule text decisions reference.
   */
  ruleHash: string;
}
/**
 * Error in a rule file
 *
 * The file, the JSON pointer inside it and what is wrong, in English and Chinese.
 *
 * This interface was referenced by `RuleReload`'s JSON-Schema
 * via the `definition` "issue".
 */
export interface RuleReloadIssue {
  /**
   * File
   *
   * The rule file, relative to the project.
   */
  file: string;
  /**
   * JSON pointer
   *
   * Where in the file (RFC 6901).
   */
  pointer: string;
  /**
   * English
   *
   * What is wrong.
   */
  en: string;
  /**
   * 中文
   *
   * 错误说明。
   */
  zh: string;
}
/**
 * Rule load event
 *
 * A load (at start), reload or refused reload: who or what triggered it and which versions appeared, changed or went away.
 *
 * This interface was referenced by `RuleReload`'s JSON-Schema
 * via the `definition` "event".
 */
export interface RuleReloadEvent {
  /**
   * Event id
   *
   * rle_ and a UUID.
   */
  id: string;
  /**
   * At
   *
   * When.
   */
  at: string;
  /**
   * Kind
   *
   * load, reload or refused-reload.
   */
  kind: 'load' | 'reload' | 'refused-reload';
  /**
   * Trigger
   *
   * start, an admin request (with its API key id) or a signal (SIGHUP).
   */
  trigger: {
    /**
     * By
     *
     * start, admin-request or signal.
     */
    by: 'start' | 'admin-request' | 'signal';
    /**
     * API key id
     *
     * The administrator's key (never its secret).
     */
    apiKeyId?: string;
    /**
     * Signal
     *
     * The signal received.
     */
    signal?: string;
  };
  /**
   * Programs
   *
   * Programs in the set now served.
   */
  programs: number;
  /**
   * Versions
   *
   * Versions in the set now served.
   */
  versions: number;
  /**
   * Appeared
   *
   * Versions new in this set.
   */
  appeared: RuleReloadVersionRef[];
  /**
   * Changed
   *
   * Versions whose rule text changed (drafts only: a published version cannot change).
   */
  changed: {
    /**
     * Program
     *
     * jurisdiction/name.
     */
    program: string;
    /**
     * Version label
     *
     * As in the pack.
     */
    version: string;
    before: RuleReloadVersionRef;
    after: RuleReloadVersionRef;
  }[];
  /**
   * Removed
   *
   * Versions no longer in the files.
   */
  removed: RuleReloadVersionRef[];
  /**
   * Errors
   *
   * Why a reload was refused (empty otherwise).
   */
  errors: RuleReloadIssue[];
}
