// The undo review page (review/undo.html): an extension page of its own, opened from a job's "Convert back to
// internal". Not web-accessible: no admin-center page can frame it. It learns the job and the users from its
// fragment, and the worker re-checks both before showing anything (undo/preview) and again before writing.
import { render } from 'preact';
import '../popup/ui/theme.css';
import { uiServices } from '../popup/lib/browser-platform';
import { parseUndoReviewHash } from '../popup/lib/pages';
import { UndoReview } from './ui/undo/undo-review';

render(
  <UndoReview services={uiServices()} target={parseUndoReviewHash(location.hash)} randomBytes={(n) => crypto.getRandomValues(new Uint8Array(n))} />,
  document.getElementById('app')!,
);
