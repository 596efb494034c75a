// One user of the job: who they are, the result with Graph's error code, message and request id, and the invitation
// state with a button to copy the redeem URL. Every value is rendered as text.
import type { JobItemView } from '../../../src/messages';
import { formatDateTime, itemStateLabel, itemStateTone } from '../../lib/format';
import { CopyButton } from '../common';

export function ItemRow(props: { item: JobItemView; selected: boolean; onToggle: () => void; copy: (t: string) => Promise<void> }) {
  const { item } = props;
  const tone = itemStateTone(item.state);
  return (
    <tr>
      <td>
        <input type="checkbox" checked={props.selected} onChange={props.onToggle} aria-label={`Select ${item.displayName || item.userPrincipalName}`} />
      </td>
      <td class="wrap">
        <div>{item.displayName}</div>
        <div class="small muted">{item.userPrincipalName}</div>
        {item.email && <div class="small">{item.email}</div>}
        {item.newUserPrincipalName && <div class="small">Internal UPN: {item.newUserPrincipalName}</div>}
      </td>
      <td>
        <span class={`badge ${tone}`}>{itemStateLabel(item.state)}</span>
        {(item.errorCode || item.errorMessage) && (
          <div class="small wrap">
            {item.errorCode && <strong class="mono">{item.errorCode}</strong>}
            {item.errorCode && item.errorMessage ? ': ' : ''}
            {item.errorMessage}
          </div>
        )}
        {item.requestId && <div class="small muted mono">request id {item.requestId}</div>}
      </td>
      <td>
        {item.externalUserState ? (
          <>
            <div>{item.externalUserState === 'PendingAcceptance' ? 'Pending acceptance' : item.externalUserState}</div>
            {item.externalUserStateChangeDateTime && <div class="small muted">since {formatDateTime(item.externalUserStateChangeDateTime)}</div>}
          </>
        ) : (
          <span class="muted">—</span>
        )}
        {item.inviteRedeemUrl && (
          <div class="row small">
            <CopyButton text={item.inviteRedeemUrl} label={`Copy the redeem URL of ${item.displayName || item.userPrincipalName}`} copy={props.copy} />
          </div>
        )}
      </td>
    </tr>
  );
}
