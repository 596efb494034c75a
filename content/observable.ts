// A value with subscribers: how the content script's adaptations share state (auth, grid facts, bulk status).
export class Observable<T> {
  private current: T;
  private readonly listeners = new Set<() => void>();
  constructor(initial: T) {
    this.current = initial;
  }
  get value(): T {
    return this.current;
  }
  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    for (const l of [...this.listeners]) l();
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
