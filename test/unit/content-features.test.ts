// @vitest-environment happy-dom
// Conventions of the content script (see shared/STYLE.md): each portal adaptation is a feature with init(signal), and
// one failing feature neither stops the others nor surfaces in the page.
import { describe, expect, it, vi } from 'vitest';
import { commandBarControl } from '../../content/command-bar-control';
import { runFeatures, type Feature } from '../../content/features';
import { selectionSync } from '../../content/grid-selection';
import { allUsersGrid } from '../../content/grid-watch';

describe('content features', () => {
  it('every portal adaptation is a named feature with init(signal)', () => {
    const none = undefined as never;
    const features: Feature[] = [allUsersGrid(none), selectionSync(none, none, none, none), commandBarControl(none, none, none)];
    for (const f of features) {
      expect(f.name).toMatch(/^[a-z-]+$/);
      expect(f.init.length).toBe(1);
    }
    expect(new Set(features.map((f) => f.name)).size).toBe(features.length);
  });

  it('a failing feature (thrown or rejected) is logged and the others still run', async () => {
    const log = vi.fn();
    const ran: string[] = [];
    runFeatures(
      [
        { name: 'throws', init: () => { throw new Error('boom'); } },
        { name: 'rejects', init: async () => { throw new Error('later'); } },
        { name: 'works', init: (signal) => { ran.push(signal.aborted ? 'aborted' : 'live'); } },
      ],
      new AbortController().signal,
      log,
    );
    await Promise.resolve();
    expect(ran).toEqual(['live']);
    expect(log.mock.calls.map((c) => c[0])).toEqual(['throws failed', 'rejects failed']);
  });
});
