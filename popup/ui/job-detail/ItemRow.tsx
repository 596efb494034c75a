// One user of the job, stacked so it reads in the 420 px popup: the name (one line, ellipsis, full name on hover)
// with the result badge, the UPN, the first sentence of Graph's error with a disclosure for the rest and the request
// id, then the invitation state with a Copy for the redeem link while the invitation is pending. The job page lays
// the same parts out in columns. Every value is rendered as text.
import { t } from '../../../src/i18n';
import type { JobItemRow as JobItemView } from '../../../src/messages';
import { formatDateTime, itemStateLabel, itemStateTone, splitFirstSentence } from '../../lib/format';
import { CopyButton } from '../common';

function ErrorText({ item, who }: { item: JobItemView; who: string }) {
  const { first, rest } = splitFirstSentence(item.errorMessage ?? '');
  const more = rest !== '' || item.requestId !== undefined;
  return (
    <div class="item-error small">
      <p class="wrap">
        {item.errorCode && <strong class="mono">{item.errorCode}</strong>}
        {item.errorCode && first ? ': ' : ''}
        {first}
      </p>
      {more && (
        <details>
          <summary>
            {t('item_more')}
            <span class="visually-hidden"> {t('item_moreAbout', { user: who })}</span>
          </summary>
          {rest && <p class="wrap">{rest}</p>}
          {item.requestId && <p class="muted mono wrap">{t('item_requestId', { id: item.requestId })}</p>}
        </details>
      )}
    </div>
  );
}

function Invitation({ item, who, copy }: { item: JobItemView; who: string; copy: (t: string) => Promise<void> }) {
  if (!item.externalUserState) return null;
  const pending = item.externalUserState === 'PendingAcceptance';
  const since = formatDateTime(item.externalUserStateChangeDateTime);
  return (
    <div class="item-invite small copy-row">
      <span>
        {t('item_invitation', { state: pending ? t('item_pendingAcceptance') : item.externalUserState === 'Accepted' ? t('item_accepted') : item.externalUserState })}
        {since && <span class="muted"> · {t('item_since', { time: since })}</span>}
      </span>
      {pending && item.inviteRedeemUrl && <CopyButton text={item.inviteRedeemUrl} label={t('item_copyRedeemLink', { user: who })} shown={t('item_copyLink')} copy={copy} />}
    </div>
  );
}

export function ItemRow(props: { item: JobItemView; selected: boolean; onToggle: () => void; copy: (t: string) => Promise<void> }) {
  const { item } = props;
  const who = item.displayName || item.userPrincipalName;
  const tone = itemStateTone(item.state);
  return (
    <li class="item-row">
      <input class="item-check" type="checkbox" checked={props.selected} onChange={props.onToggle} aria-label={t('item_select', { user: who })} />
      <div class="item-user">
        <p class="item-name truncate" title={who}>
          {who}
        </p>
        {item.displayName && (
          <p class="small muted truncate" title={item.userPrincipalName}>
            {item.userPrincipalName}
          </p>
        )}
        {item.newUserPrincipalName && <p class="small truncate">{t('undo_item_newUpn', { upn: item.newUserPrincipalName })}</p>}
      </div>
      <span class={`badge item-badge ${tone}`}>{itemStateLabel(item.state)}</span>
      {(item.errorCode || item.errorMessage) && <ErrorText item={item} who={who} />}
      <Invitation item={item} who={who} copy={props.copy} />
    </li>
  );
}
