// The detail view's title row: back to the job list and "open in a tab" where the host offers them (the popup does;
// the full tab shows neither).
export function JobDetailHeader(props: { onBack?: () => void; onOpenInTab?: () => void }) {
  return (
    <div class="spread">
      <div class="row">
        {props.onBack && (
          <button type="button" onClick={props.onBack}>
            ← Back
          </button>
        )}
        <h1 style={{ margin: 0 }}>Job details</h1>
      </div>
      {props.onOpenInTab && (
        <button type="button" class="link" onClick={props.onOpenInTab}>
          Open in a tab
        </button>
      )}
    </div>
  );
}
