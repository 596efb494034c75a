// A DOM-only imitation of the replica's virtualized grid for unit tests (happy-dom): the same documented attributes,
// the same behaviours that matter to the content script (rows thrown away and re-created on scroll, the grid's own
// selection model, search and refresh resetting it, the header select-all), driven synchronously from the test.
// The real replica (frame-app.js) is what the end-to-end tests and the fixtures use.

export interface FakeUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
}

export function fakeUsers(count: number, prefix = 'user'): FakeUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `0000${String(i).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${String(i).padStart(3, '0')}`,
    userPrincipalName: `${prefix}${String(i).padStart(3, '0')}@contoso.com`,
    mail: `${prefix}${String(i).padStart(3, '0')}@fabrikam.example`,
  }));
}

const WINDOW = 30;

export class FakeGrid {
  readonly commandBar: HTMLElement;
  readonly searchBox: HTMLInputElement;
  readonly resultMessage: HTMLElement;
  readonly headerCheck: HTMLElement;
  readonly rowsHost: HTMLElement;
  readonly selected = new Set<string>();
  filtered: FakeUser[];
  start = 0;

  /** `recycle`: rows keep their elements and show other users after a scroll or search (virtualized lists do).
   *  `stateOn: 'row'`: selection shown by `aria-selected` / `is-selected` on the row only, not on the check.
   *  `mount`: where the grid goes (a tab panel, a hidden blade); default the body. */
  constructor(
    private readonly doc: Document,
    private users: FakeUser[],
    private readonly layout: 'grid' | 'table' = 'grid',
    private readonly opts: { recycle?: boolean; stateOn?: 'check' | 'row'; mount?: Element } = {},
  ) {
    this.filtered = [...users];
    const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
      const e = doc.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    this.commandBar = el('div', { role: 'menubar', class: 'root-101' });
    for (const label of ['New user', 'Bulk operations', 'Refresh', 'Manage view', 'Delete']) {
      this.commandBar.append(el('button', { role: 'menuitem', class: 'ms-CommandBarItem-link root-102' }, label));
    }
    this.commandBar.append(el('button', { role: 'menuitem', class: 'ms-CommandBarItem-link ms-CommandBar-overflowButton', 'aria-label': 'More commands' }));
    this.searchBox = el('input', { class: 'ms-SearchBox-field', id: 'SearchBox17' }) as HTMLInputElement;
    this.resultMessage = el('div', { 'data-testid': 'resultMessage' });
    this.headerCheck = el('div', { class: 'ms-DetailsHeader-check', role: 'checkbox', 'aria-checked': 'false' });
    this.headerCheck.addEventListener('click', () => this.toggleAll());
    const header = el('div', { role: layout === 'grid' ? 'row' : 'presentation' });
    header.append(this.headerCheck);
    for (const key of ['displayName', 'userPrincipalName', 'mail']) header.append(el('div', { 'data-item-key': key }, key));
    this.rowsHost = el('div', { role: 'presentation' });
    const list = el('div', { role: layout === 'grid' ? 'grid' : 'table' });
    list.append(header, this.rowsHost);
    (opts.mount ?? doc.body).append(this.commandBar, this.searchBox, this.resultMessage, list);
    this.render(0);
  }

  private row(u: FakeUser, index: number): HTMLElement {
    const d = this.doc;
    const row = d.createElement('div');
    row.setAttribute('data-automationid', 'DetailsRow');
    row.setAttribute('role', this.layout === 'grid' ? 'row' : 'presentation');
    const check = d.createElement('div');
    check.setAttribute('data-automationid', 'DetailsRowCheck');
    check.setAttribute('role', 'checkbox');
    check.setAttribute('data-selection-toggle', 'true');
    // The user is read from the row when clicked: a recycled row toggles whom it shows now.
    check.addEventListener('click', () => {
      const shown = this.filtered[Number(row.getAttribute('data-item-index'))];
      if (shown) this.toggle(shown.id);
    });
    const cell = (key: string, child: Node) => {
      const c = d.createElement('div');
      c.setAttribute('data-automationid', 'DetailsRowCell');
      c.setAttribute('data-automation-key', key);
      c.append(child);
      return c;
    };
    const wrap = this.layout === 'table' ? d.createElement('div') : row;
    wrap.append(check, cell('displayName', d.createElement('a')), cell('userPrincipalName', d.createTextNode('')), cell('mail', d.createTextNode('')));
    if (wrap !== row) row.append(wrap);
    this.show(row, u, index);
    return row;
  }

  /** Makes a row element show a user (a new row, or a recycled one). */
  private show(row: Element, u: FakeUser, index: number): void {
    row.setAttribute('data-item-index', String(index));
    row.setAttribute('data-selection-index', String(index));
    const link = row.querySelector('[data-automation-key="displayName"] a')!;
    link.setAttribute('href', `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${u.id}`);
    link.textContent = u.displayName;
    row.querySelector('[data-automation-key="userPrincipalName"]')!.textContent = u.userPrincipalName;
    row.querySelector('[data-automation-key="mail"]')!.textContent = u.mail ?? '';
    this.paint(row, this.selected.has(u.id));
  }

  private paint(row: Element, on: boolean): void {
    row.setAttribute('aria-selected', String(on));
    row.classList.toggle('is-selected', on);
    const check = row.querySelector('[data-automationid="DetailsRowCheck"]');
    if (this.opts.stateOn !== 'row') check?.setAttribute('aria-checked', String(on));
  }

  /** Virtualization: the window at `start`; rows are thrown away and re-created, or recycled (`recycle`). */
  render(start: number): void {
    this.start = start;
    const window = this.filtered.slice(start, start + WINDOW);
    const existing = Array.from(this.rowsHost.querySelectorAll<HTMLElement>('[data-automationid="DetailsRow"]'));
    if (this.opts.recycle && existing.length > 0) {
      const rows = window.map((u, i) => {
        const row = existing[i] ?? this.row(u, start + i);
        this.show(row, u, start + i);
        return row;
      });
      this.rowsHost.replaceChildren(...rows);
    } else {
      this.rowsHost.replaceChildren(...window.map((u, i) => this.row(u, start + i)));
    }
    this.resultMessage.textContent = `${this.filtered.length.toLocaleString('en-US')} users found`;
    this.syncHeader();
  }

  rowElement(index: number): HTMLElement | null {
    return this.rowsHost.querySelector(`[data-item-index="${index}"]`);
  }
  checkElement(index: number): HTMLElement | null {
    return this.rowElement(index)?.querySelector('[data-automationid="DetailsRowCheck"]') ?? null;
  }

  /** The grid's own model selects these users (as if the admin had, before any script ran). */
  preselect(ids: string[]): void {
    for (const id of ids) this.selected.add(id);
    this.syncAttributes();
  }

  /** What a person does: a pointer press and a click on the row's check. */
  clickCheck(index: number): void {
    const check = this.checkElement(index);
    if (!check) throw new Error(`row ${index} is not rendered`);
    check.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    check.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }
  clickHeader(): void {
    this.headerCheck.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    this.headerCheck.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }

  private toggle(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.syncAttributes();
  }
  private toggleAll(): void {
    const all = this.filtered.length > 0 && this.filtered.every((u) => this.selected.has(u.id));
    for (const u of this.filtered) {
      if (all) this.selected.delete(u.id);
      else this.selected.add(u.id);
    }
    this.syncAttributes();
  }
  /** Selection changes update the rendered rows in place, as Fluent does. */
  private syncAttributes(): void {
    for (const row of Array.from(this.rowsHost.querySelectorAll('[data-automationid="DetailsRow"]'))) {
      const u = this.filtered[Number(row.getAttribute('data-item-index'))];
      this.paint(row, !!u && this.selected.has(u.id));
    }
    this.syncHeader();
  }
  private syncHeader(): void {
    const all = this.filtered.length > 0 && this.filtered.every((u) => this.selected.has(u.id));
    this.headerCheck.setAttribute('aria-checked', String(all));
  }

  /** Typing in the search box: the grid filters by prefix and, like Fluent's setItems, forgets its selection. */
  search(text: string): void {
    this.searchBox.value = text;
    const q = text.trim().toLowerCase();
    this.filtered = this.users.filter((u) => [u.displayName, u.userPrincipalName, u.mail ?? ''].some((v) => v.toLowerCase().startsWith(q)));
    this.selected.clear();
    this.render(0);
  }
  /** Refresh: new data, selection reset, rows re-created. */
  refresh(users: FakeUser[] = this.users): void {
    this.users = users;
    this.search(this.searchBox.value);
  }
}
