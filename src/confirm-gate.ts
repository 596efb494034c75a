// When the review's Convert button may act. A page we do not own can frame the review under a decoy (an element
// laid over it, the frame made transparent or moved under the pointer) or move the keyboard focus into it just
// before a key press. So, framed in the admin center, Convert acts only while the browser reports the dialog fully
// visible and unobscured (IntersectionObserver v2 isVisible), and only once it has been both visible and focused
// for SETTLE_MS: a change the page makes resets the clock. Where the browser cannot report visibility, the framed
// review does not confirm at all: the admin continues in the extension's own window, which no page can cover.
// The same gate guards the other write the review confirms: Retry failed.
import { t } from './i18n';

/** How long the dialog must have been visible and focused before Convert acts. */
export const SETTLE_MS = 600;

/** frame: in the admin center's dialog; window: the extension's own window; page: an extension page (the picker). */
export type ReviewPlacement = 'frame' | 'window' | 'page';

export type Visibility = 'checking' | 'visible' | 'hidden' | 'unverifiable';

export interface GateFacts {
  placement: ReviewPlacement;
  visibility: Visibility;
  /** When the visibility last became 'visible'. */
  visibleSince?: number;
  focused: boolean;
  /** When the document last got the focus. */
  focusedSince?: number;
  now: number;
}

export type GateVerdict =
  | { ready: true }
  | { ready: false; reason?: string; /** ms until it may become ready, when only time stands in the way */ waitMs?: number; unverifiable?: boolean };

export function judgeGate(f: GateFacts): GateVerdict {
  if (f.placement === 'frame' && f.visibility === 'unverifiable') {
    return { ready: false, unverifiable: true, reason: t('review_gate_unverifiable') };
  }
  if (f.visibility === 'checking') return { ready: false, reason: t('review_gate_checking') };
  if (f.visibility !== 'visible' || f.visibleSince === undefined) {
    return { ready: false, reason: t('review_gate_hidden') };
  }
  if (!f.focused || f.focusedSince === undefined) return { ready: false, reason: t('review_gate_focus') };
  const since = Math.max(f.visibleSince, f.focusedSince);
  const waited = f.now - since;
  if (waited < SETTLE_MS) return { ready: false, waitMs: SETTLE_MS - waited };
  return { ready: true };
}
