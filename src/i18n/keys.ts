// Message keys are typed from the English catalogue, so a key used in code but missing from it fails type-checking.
// Only the type is imported: the catalogue itself reaches the browser as _locales/en/messages.json, never bundled.
type EnglishCatalogue = typeof import('../../_locales/en/messages.json');

export type MessageKey = Extract<keyof EnglishCatalogue, string>;

/** Bases of plural messages: `x` when the catalogue has `x_other` (and `x_one`…). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
