// The users a finished job could not convert, each with the advice for what went wrong and Graph's own code (what
// support searches for). The first few only: the job page lists them all.
import { t, tn } from '../../../src/i18n';
import { FailureText } from './failure-text';
import type { FailedItems } from './use-failed-items';

export function FailedUsers(p: { failed: FailedItems | undefined; failedCount: number }) {
  const f = p.failed;
  if (!f) return <p class="upn">{t('review_failed_loading')}</p>;
  if (f.problem) {
    return (
      <div class="msg error" role="alert">
        {t('review_failed_unreadable')} <FailureText failure={f.problem} />
      </div>
    );
  }
  const more = Math.max(f.total, p.failedCount) - f.items.length;
  return (
    <section class="failed" aria-labelledby="b2b-failed-title" data-b2b="failed-users">
      <h3 id="b2b-failed-title">{tn('review_failed_title', Math.max(f.total, p.failedCount))}</h3>
      <ul>
        {f.items.map((i) => (
          <li key={i.userId} data-user-id={i.userId.toLowerCase()}>
            <span class="name" dir="auto">
              {i.displayName || i.userPrincipalName}
            </span>
            <span class="upn" dir="auto">
              {i.userPrincipalName}
            </span>
            <span class="reason block">{i.errorMessage ?? t('review_failed_noReason')}</span>
            {i.errorCode ? (
              <span class="upn">
                {t('review_failed_graphCode')} <code data-b2b="graph-code">{i.errorCode}</code>
                {i.requestId ? ` · ${t('review_failed_requestId', { id: i.requestId })}` : ''}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p class="upn">{tn('review_failed_more', more)}</p> : null}
    </section>
  );
}
