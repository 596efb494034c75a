// Runs the detail view's actions one at a time and reports how they went. An action refused for want of consent is
// remembered, so signing in with the tier it needs runs it again instead of leaving the admin to start over.
import { useState } from 'preact/hooks';
import type { AuthStatus } from '../../../src/messages';
import { consentTier, describeError, needsConsent } from '../../lib/errors';
import type { UiServices } from '../../lib/platform';
import { t } from '../../../src/i18n';

export type ActionMessage = { kind: 'ok' | 'error' | 'info'; text: string } | undefined;
export type PendingAction = { label: string; run: () => Promise<void>; tier: 'read' | 'invite' | 'write' } | undefined;

export function useActionRunner(services: UiServices, onAuth: ((s: AuthStatus) => void) | undefined) {
  /** The label of the action under way (in the admin's words). */
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<ActionMessage>();
  // An action that failed for want of consent, to re-run after signing in with the write tier.
  const [needsWrite, setNeedsWrite] = useState<PendingAction>();

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setMessage(undefined);
    setNeedsWrite(undefined);
    try {
      await action();
    } catch (e) {
      if (needsConsent(e)) setNeedsWrite({ label, run: action, tier: consentTier(e, 'write') });
      setMessage({ kind: 'error', text: t('actions_failed', { action: label, error: describeError(e) }) });
    } finally {
      setBusy(undefined);
    }
  };

  const signInAndRetry = () => {
    const pending = needsWrite;
    void run(t('account_signIn'), async () => {
      const s = await services.request('auth/signIn', { tier: pending?.tier ?? 'write' });
      onAuth?.(s);
      if (pending) await run(pending.label, pending.run);
    });
  };

  return { busy, message, setMessage, needsWrite, run, signInAndRetry };
}
