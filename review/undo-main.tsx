// The undo review page (review/undo.html): an extension page of its own, opened from a job's "Convert back to
// internal". Not web-accessible: no admin-center page can frame it. It learns the job and the users from its
// fragment, and the worker re-checks both before showing anything (undo/preview) and again before writing.
import { render } from 'preact';
import { installMessageSource, messageLocale, messageSourceFrom } from '../src/i18n';
import '../popup/ui/theme.css';
import { uiServices } from '../popup/lib/browser-platform';
import { parseUndoReviewHash } from '../popup/lib/pages';
import { UndoReview } from './ui/undo/undo-review';

// Words come from _locales through the browser's i18n API; t() is only called at render time, after this.
installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
document.documentElement.lang = messageLocale();
render(
  <UndoReview services={uiServices()} target={parseUndoReviewHash(location.hash)} randomBytes={(n) => crypto.getRandomValues(new Uint8Array(n))} />,
  document.getElementById('app')!,
);
