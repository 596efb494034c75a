// Email address rules the invitation service applies (see the reference's eligibility list).
/** Rough address shape for PATCH validation: local@domain.tld with no spaces. */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const FORBIDDEN_CHARS = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,]/;

/** Returns a reason when the invitation service would refuse the address, else undefined. */
export function invitationEmailProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.indexOf('@') !== at) return 'it must contain exactly one @';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (/\s/.test(address)) return 'it contains whitespace';
  if (FORBIDDEN_CHARS.test(local)) return 'the local part contains a character that is not allowed';
  // `.` and `-` may not start or end the local part; `_` is fine anywhere.
  if (/^[.-]|[.-]$/.test(local)) return "the local part starts or ends with '.' or '-'";
  if (local.includes('..')) return 'the local part contains consecutive dots';
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain) || /(^|\.)-|-($|\.)/.test(domain)) return 'the domain is not valid';
  return undefined;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
