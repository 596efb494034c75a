// The admin's selection on the All users page, kept by object id. The grid is virtualized (rows are thrown away and
// re-created on scroll), resets its own selection on search and refresh, and re-renders on navigation; this store
// outlives all of that. Pure: the content script feeds it what it sees in the grid and what the admin does.

/** Why a row is reported: the admin toggled its check (`user`), or the grid (re-)rendered it (`render`). */
export type RowCause = 'user' | 'render';

export interface KnownUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

export class SelectionStore {
  /** Selected ids in the order they were selected. */
  private readonly selected = new Set<string>();
  /** Ids the admin removed through our UI (Clear, remove): a grid that still shows them checked cannot re-add them. */
  private readonly suppressed = new Set<string>();
  /** What the grid showed of users it rendered (for labels before the pre-flight answers). */
  private readonly known = new Map<string, KnownUser>();
  private readonly listeners = new Set<() => void>();
  private depth = 0;
  private dirty = false;
  private revision = 0;

  get size(): number {
    return this.selected.size;
  }
  /** Bumps on every change; cheap equality for UI subscriptions. */
  get version(): number {
    return this.revision;
  }
  has(id: string): boolean {
    return this.selected.has(id.toLowerCase());
  }
  ids(): string[] {
    return [...this.selected];
  }
  user(id: string): KnownUser | undefined {
    return this.known.get(id.toLowerCase());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Group changes so subscribers hear about them once. */
  batch<T>(fn: () => T): T {
    this.depth += 1;
    try {
      return fn();
    } finally {
      this.depth -= 1;
      if (this.depth === 0 && this.dirty) this.emit();
    }
  }

  /**
   * A row of the grid as it is shown now. A `user` toggle always wins (and lifts a suppression when it checks).
   * A `render` can add a row the grid shows checked (its own model still has it) but never removes one: the grid
   * forgets its selection on search, refresh and navigation, the store does not.
   */
  observeRow(user: KnownUser, checked: boolean, cause: RowCause): void {
    const id = user.id.toLowerCase();
    this.known.set(id, { ...user, id });
    if (cause === 'user') {
      if (checked) {
        this.suppressed.delete(id);
        this.add(id);
      } else {
        this.remove(id);
      }
    } else if (checked && !this.suppressed.has(id)) {
      this.add(id);
    }
  }

  /** Select many (header select-all, "select all N users found"). */
  selectMany(ids: Iterable<string>): void {
    this.batch(() => {
      for (const raw of ids) {
        const id = raw.toLowerCase();
        this.suppressed.delete(id);
        this.add(id);
      }
    });
  }

  /** Deselect many on the admin's word; the grid showing them checked later does not bring them back. */
  deselectMany(ids: Iterable<string>): void {
    this.batch(() => {
      for (const raw of ids) {
        const id = raw.toLowerCase();
        this.suppressed.add(id);
        this.remove(id);
      }
    });
  }

  clear(): void {
    this.deselectMany([...this.selected]);
  }

  /**
   * Makes exactly these users the selection, remembering their names for the list of selected users (e.g. "select
   * the failed users" of a job: most of them are not rendered in the grid). Everyone else is deselected on the
   * admin's word, as by Clear.
   */
  replaceWith(users: readonly KnownUser[]): void {
    const wanted = new Set(users.map((u) => u.id.toLowerCase()));
    this.batch(() => {
      this.deselectMany([...this.selected].filter((id) => !wanted.has(id)));
      for (const u of users) {
        const id = u.id.toLowerCase();
        this.known.set(id, { ...u, id });
      }
      this.selectMany(wanted);
    });
  }

  private add(id: string): void {
    if (this.selected.has(id)) return;
    this.selected.add(id);
    this.changed();
  }
  private remove(id: string): void {
    if (!this.selected.delete(id)) return;
    this.changed();
  }
  private changed(): void {
    this.revision += 1;
    this.dirty = true;
    if (this.depth === 0) this.emit();
  }
  private emit(): void {
    this.dirty = false;
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // One failing subscriber must not stop the others.
      }
    }
  }
}
