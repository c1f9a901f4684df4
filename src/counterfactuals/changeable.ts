/**
 * Facts an enterprise can change (R&D spending, technology staff, IP rights, registering a loan
 * with a platform): those marked `"x-changeable": true` in schemas/facts.schema.json. Only they
 * are varied when asking what would change a rejection.
 */
export function changeableFacts(factsSchema: Record<string, unknown>): Set<string> {
  const props = (factsSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return new Set(Object.entries(props).filter(([, p]) => p['x-changeable'] === true).map(([name]) => name));
}
