/** Who is told how long each adjudication took (metrics subscribe; the domain knows nothing of them). */
const listeners = new Set<(program: string, seconds: number) => void>();

/** Subscribes; returns the unsubscribe. */
export function onAdjudicated(listener: (program: string, seconds: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function adjudicated(program: string, seconds: number): void {
  for (const l of listeners) l(program, seconds);
}
