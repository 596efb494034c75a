import { describe, expect, it, vi } from 'vitest';
import { SelectionStore } from '../../src/selection';

const u = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  userPrincipalName: `user${n}@contoso.com`,
  displayName: `User ${n}`,
});

describe('SelectionStore', () => {
  it('adds on a user check and removes on a user uncheck', () => {
    const s = new SelectionStore();
    s.observeRow(u(1), true, 'user');
    s.observeRow(u(2), true, 'user');
    expect(s.ids()).toEqual([u(1).id, u(2).id]);
    s.observeRow(u(1), false, 'user');
    expect(s.ids()).toEqual([u(2).id]);
  });

  it('keeps the selection when rows are re-rendered unchecked (virtualized scroll, search, refresh)', () => {
    const s = new SelectionStore();
    s.observeRow(u(1), true, 'user');
    s.observeRow(u(1), false, 'render');
    expect(s.has(u(1).id)).toBe(true);
  });

  it('adopts rows the grid renders checked (its own model still has them)', () => {
    const s = new SelectionStore();
    s.observeRow(u(3), true, 'render');
    expect(s.has(u(3).id)).toBe(true);
  });

  it('does not let a still-checked grid row come back after Clear, until the admin checks it again', () => {
    const s = new SelectionStore();
    s.observeRow(u(1), true, 'user');
    s.clear();
    s.observeRow(u(1), true, 'render');
    expect(s.size).toBe(0);
    s.observeRow(u(1), true, 'user');
    expect(s.size).toBe(1);
  });

  it('selects and deselects many at once, case-insensitively, with one notification', () => {
    const s = new SelectionStore();
    const listener = vi.fn();
    s.subscribe(listener);
    s.selectMany([u(1).id.toUpperCase(), u(2).id, u(2).id]);
    expect(s.size).toBe(2);
    expect(s.has(u(1).id)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    s.deselectMany([u(1).id]);
    expect(s.ids()).toEqual([u(2).id]);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('batches row observations into one notification and bumps the version only on change', () => {
    const s = new SelectionStore();
    const listener = vi.fn();
    s.subscribe(listener);
    s.batch(() => {
      for (let i = 0; i < 30; i += 1) s.observeRow(u(i), i % 2 === 0, 'render');
    });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(s.size).toBe(15);
    const v = s.version;
    s.observeRow(u(0), true, 'render');
    expect(s.version).toBe(v);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('remembers what the grid showed of a user', () => {
    const s = new SelectionStore();
    s.observeRow(u(7), false, 'render');
    expect(s.user(u(7).id.toUpperCase())).toEqual(u(7));
  });

  it('a failing subscriber does not stop the others', () => {
    const s = new SelectionStore();
    const ok = vi.fn();
    s.subscribe(() => {
      throw new Error('boom');
    });
    s.subscribe(ok);
    s.selectMany([u(1).id]);
    expect(ok).toHaveBeenCalled();
  });

  it('replaceWith makes exactly those users the selection, names remembered; the others stay out on a re-render', () => {
    const s = new SelectionStore();
    s.selectMany([u(1).id, u(2).id, u(3).id]);
    const listener = vi.fn();
    s.subscribe(listener);
    s.replaceWith([{ ...u(3), id: u(3).id.toUpperCase() }, u(9)]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(s.ids().sort()).toEqual([u(3).id, u(9).id]);
    expect(s.user(u(9).id)).toEqual(u(9));
    // The grid still shows user 1 checked: it does not come back.
    s.observeRow(u(1), true, 'render');
    expect(s.has(u(1).id)).toBe(false);
  });

  it('holds 50,000 ids', () => {
    const s = new SelectionStore();
    s.selectMany(Array.from({ length: 50_000 }, (_, i) => u(i).id));
    expect(s.size).toBe(50_000);
  });
});
