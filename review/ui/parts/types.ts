// What the dialog's parts pass down: the trust check every handler runs first, and the sign-in they may ask for.

/** False for an event a page script synthesized when the dialog requires real (trusted) input. */
export type IsTrusted = (e: Event) => boolean;

export type Tier = 'read' | 'invite' | 'write';

/** Signs in for `tier`, then refreshes the auth view (whether or not the sign-in succeeded). */
export type SignIn = (tier: Tier) => Promise<void>;
