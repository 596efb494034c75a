// The content script's adaptations, wired together for one document (the top page or a React-view frame).
// Everything the browser provides comes in through `ContentEnv`, so the whole thing runs in unit tests.
import { isAllUsersPage, tenantOfPortalUrl } from '../src/portal-routes';
import { SelectionStore } from '../src/selection';
import { watchAuth, type AuthWatch } from './auth-watch';
import { createBulkSelect, type BulkSelect } from './bulk-select';
import { commandBarControl } from './command-bar-control';
import { runFeatures } from './features';
import { trackGestures } from './gestures';
import { selectionSync } from './grid-selection';
import { allUsersGrid, readFacts, type GridFacts, type GridSession } from './grid-watch';
import { Observable } from './observable';
import { createReview, type Review } from './review-dialog';
import type { Services } from './services';

export interface ContentEnv {
  doc: Document;
  role: 'top' | 'frame';
  services: Services;
  /** location.href now (SPA navigation changes it). */
  href: () => string;
  /** The frame's name (the All users frame's contains "UsersList.ReactView"). */
  frameName: () => string;
  /** Only trusted (real) clicks and keys act on our controls. Off in unit tests, whose events are synthetic. */
  requireTrusted: boolean;
  /** The review page: its URL (runtime.getURL, per-session) and the origin its documents post messages from. */
  /** framed: show the review in a frame in the page (false: the worker opens it in the extension's window). */
  reviewPage: { url: string; origin: string; framed?: boolean };
  /** Messages from the review page in the extension's own window (see review-dialog.tsx). */
  windowReviewMessages?: (listener: (raw: unknown) => void, signal: AbortSignal) => void;
  settleMs?: number;
}

export interface ContentApp {
  store: SelectionStore;
  auth: AuthWatch;
  grid: Observable<GridFacts | undefined>;
  bulk: BulkSelect;
  review: Review;
}

export function startContent(env: ContentEnv, signal: AbortSignal): ContentApp {
  const { doc, services } = env;
  const store = new SelectionStore();
  const grid = new Observable<GridFacts | undefined>(undefined);
  const gestures = trackGestures(doc, signal, env.requireTrusted);
  const auth = watchAuth(services, doc, signal);
  /** The attachment to the live list, while there is one: the bulk helpers read that list and no other. */
  let session: GridSession | undefined;
  const bulk = createBulkSelect(store, services, () => {
    if (!session || session.signal.aborted) return undefined;
    const reading = session.read();
    return reading.recognized ? readFacts(reading) : undefined;
  });
  const review = createReview(
    {
      doc,
      store,
      services,
      reviewPage: env.reviewPage,
      tenantHint: () => (env.role === 'top' ? tenantOfPortalUrl(env.href()) : undefined),
      ...(env.windowReviewMessages ? { windowReviewMessages: env.windowReviewMessages } : {}),
    },
    signal,
  );

  runFeatures(
    [
      allUsersGrid({
        doc,
        role: env.role,
        services,
        facts: grid,
        topOnly: env.role === 'top',
        settleMs: env.settleMs,
        expectsGrid: () => (env.role === 'top' ? isAllUsersPage(env.href()) : env.frameName().includes('UsersList')),
        tenantHint: () => (env.role === 'top' ? tenantOfPortalUrl(env.href()) : undefined),
        // Per grid instance: these stop when the grid goes away and start again on the next one.
        onGrid: (next) => {
          session = next;
          runFeatures(
            [
              selectionSync(next, store, bulk, gestures),
              commandBarControl(next, doc, { store, auth, bulk, grid, services, openReview: () => void review.open(), reviewProblem: review.problem, requireTrusted: env.requireTrusted }),
            ],
            next.signal,
            services.log,
          );
        },
      }),
    ],
    signal,
    services.log,
  );
  return { store, auth, grid, bulk, review };
}
