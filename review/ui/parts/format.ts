// Counts as the dialog prints them: the dialog's text is English, so its numbers are grouped the English way
// (1,234) whatever the browser's locale.
export const fmt = (n: number) => n.toLocaleString('en-US');
