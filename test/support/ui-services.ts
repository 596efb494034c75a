// The services every extension page's UI takes (popup, job page, picker), over scripted worker handlers: requests
// are recorded, events are emitted by the test. An operation without a handler never answers (a worker still
// starting), or throws when the test says none other is expected.
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { UiServices } from '../../popup/lib/platform';
import type { BroadcastEvent } from '../../src/messages';

export type Handler = (payload: never) => unknown;

export function fakeUiServices(handlers: Record<string, Handler>, opts: { unhandled?: 'never-answers' | 'throws' } = {}) {
  const listeners = new Set<(e: BroadcastEvent) => void>();
  const request = vi.fn(async (op: string, payload: unknown) => {
    const h = handlers[op];
    if (h) return h(payload as never);
    if (opts.unhandled === 'throws') throw new Error(`unexpected ${op}`);
    return new Promise(() => undefined);
  });
  const services: UiServices = {
    request: request as unknown as UiServices['request'],
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    openPage: vi.fn(),
    copyText: vi.fn(async () => undefined),
  };
  const emit = (e: BroadcastEvent) => act(() => listeners.forEach((l) => l(e)));
  return { services, request, emit };
}
