// The privileged-role override: two separate confirmations, for this one user, and a way back.
import type { RowEdit } from '../../../src/review';
import type { IsTrusted } from './types';

export function PrivilegedOverride(p: { name: string; edit: RowEdit; onEdit: (c: Partial<RowEdit>) => void; trusted: IsTrusted }) {
  const step = p.edit.override;
  if (step === 0) {
    return (
      <button type="button" class="btn subtle" data-b2b="override" onClick={(e) => p.trusted(e) && p.onEdit({ override: 1 })}>
        Override for this user…
      </button>
    );
  }
  if (step === 1) {
    return (
      <div class="confirm-box" role="group" aria-label={`Confirm the override for ${p.name}`}>
        <span class="reason block">
          Converting an administrator changes how they sign in, and their admin roles will then be used from an external identity. Confirm again that{' '}
          <bdi>{p.name}</bdi> should be converted anyway.
        </span>
        <button type="button" class="btn" data-b2b="override-confirm" onClick={(e) => p.trusted(e) && p.onEdit({ override: 2 })}>
          Yes, convert this privileged user
        </button>{' '}
        <button type="button" class="btn subtle" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <button type="button" class="btn subtle" data-b2b="override-undo" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
      Undo override
    </button>
  );
}
