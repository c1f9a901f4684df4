/** Topics are dotted words (`matching.result`); a subscription names them exactly, or `prefix.*`, or `*`. */
export const TOPIC = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
export const TOPIC_PATTERN = /^(\*|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(\.\*)?)$/;

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

/** A subscription scoped to jurisdictions receives an event of any jurisdiction in the chain (or unscoped events only with "*"). */
export function inJurisdictions(subscribed: string[], chain: string[]): boolean {
  return subscribed.includes('*') || chain.some((j) => subscribed.includes(j));
}
