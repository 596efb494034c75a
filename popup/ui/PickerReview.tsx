// The picker's review: the same review dialog as the admin center's (review/ui/), mounted over the picker page in
// its own Shadow DOM host. The picker is an extension page at the top of its tab: no page can lay anything over it.
import { useEffect } from 'preact/hooks';
import type { UiServices } from '../lib/platform';
import type { Services } from '../../content/services';
import { watchAuth } from '../../content/auth-watch';
import { browserGateEnv, type GateEnv } from '../../review/ui/confirm-gate';
import { mountReview } from '../../review/ui/mount-review';
import { jobPagePath } from '../lib/pages';

/** The review's Services from the picker's: the same requests, the same (worker-only) events. */
export function reviewServices(ui: UiServices): Services {
  return {
    request: ui.request,
    onEvent(listener, signal) {
      const off = ui.subscribe(listener);
      signal.addEventListener('abort', off, { once: true });
    },
    log(message, detail) {
      console.debug(`[B2B Convert] ${message}`, detail ?? '');
    },
  };
}

export function PickerReview(p: {
  services: UiServices;
  ids: readonly string[];
  onClose: () => void;
  onSubmitted: (userIds: string[]) => void;
  /** Defaults to this window's. */
  gateEnv?: GateEnv;
  /** Unit tests use synthetic events. */
  requireTrusted?: boolean;
}) {
  useEffect(() => {
    const lifetime = new AbortController();
    const services = reviewServices(p.services);
    const auth = watchAuth(services, document, lifetime.signal);
    const mounted = mountReview(document, {
      ids: p.ids,
      services,
      auth,
      requireTrusted: p.requireTrusted ?? true,
      placement: 'page',
      gateEnv: p.gateEnv ?? browserGateEnv(window),
      onClose: p.onClose,
      onSubmitted: p.onSubmitted,
      // The finished job's "View results": its page in a tab. (No list to select failed users in here.)
      onViewResults: (jobId) => p.services.openPage(jobPagePath(jobId)),
    });
    return () => {
      lifetime.abort();
      mounted.unmount();
    };
  }, [p.ids]);
  return null;
}
