// Extension settings: which app registration signs in, against which tenant, in which cloud.
// Enterprise policy (managed storage) wins over what the admin typed locally, field by field, and the UI
// needs to know which fields are locked, so the merge reports that too.
import { CLOUDS, isCloud, type Cloud } from './clouds';
import { t } from './i18n';

export interface Settings {
  clientId: string;
  tenant: string;
  cloud: Cloud;
}

export type SettingsField = keyof Settings;
export const SETTINGS_FIELDS: readonly SettingsField[] = ['clientId', 'tenant', 'cloud'];

/**
 * `organizations` lets any work/school account sign in and is the default. `common` and `consumers` are
 * refused: they admit personal Microsoft accounts, which can never administer an Entra ID directory.
 */
export const DEFAULT_TENANT = 'organizations';
export const ALLOWED_TENANT_KEYWORDS = ['organizations'] as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = { clientId: '', tenant: DEFAULT_TENANT, cloud: 'Global' };

export interface FieldError {
  field: SettingsField;
  message: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// One DNS label: letters, digits, inner hyphens (punycode `xn--` labels fit too), 1-63 characters.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** A DNS name with at least two labels and an alphabetic top-level label, e.g. `contoso.onmicrosoft.com`. */
export function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return labels.every((l) => DNS_LABEL.test(l)) && /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/i.test(tld);
}

function asTrimmedString(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Error message for a client id, or undefined when it is valid. */
export function validateClientId(value: unknown): string | undefined {
  const v = asTrimmedString(value);
  if (v === undefined || v === '') {
    return t('settings_clientId_empty');
  }
  if (!isGuid(v)) {
    return t('settings_clientId_invalid', { value: v });
  }
  return undefined;
}

/** Error message for a tenant, or undefined when it is valid. */
export function validateTenant(value: unknown): string | undefined {
  const v = asTrimmedString(value);
  if (v === undefined || v === '') {
    return t('settings_tenant_empty');
  }
  const lower = v.toLowerCase();
  if (lower === 'common' || lower === 'consumers') {
    return t('settings_tenant_personal', { value: v });
  }
  if ((ALLOWED_TENANT_KEYWORDS as readonly string[]).includes(lower) || isGuid(v) || isDomainName(v)) return undefined;
  return t('settings_tenant_invalid', { value: v });
}

/** Error message for a cloud, or undefined when it is valid. */
export function validateCloud(value: unknown): string | undefined {
  if (isCloud(value)) return undefined;
  return typeof value === 'string'
    ? t('settings_cloud_invalid', { clouds: CLOUDS.join(', '), value })
    : t('settings_cloud_invalidValue', { clouds: CLOUDS.join(', ') });
}

const VALIDATORS: Record<SettingsField, (v: unknown) => string | undefined> = {
  clientId: validateClientId,
  tenant: validateTenant,
  cloud: validateCloud,
};

/** Canonical spelling: trimmed; GUIDs, domains and keywords lower-cased (Entra treats them case-insensitively). */
function normaliseField(field: SettingsField, value: unknown): string {
  const v = asTrimmedString(value) ?? '';
  return field === 'cloud' ? v : v.toLowerCase();
}

export type ValidationResult = { ok: true; settings: Settings } | { ok: false; errors: FieldError[] };

/** Validate a whole settings object (e.g. from storage or a form). Missing fields fall back to defaults except clientId. */
export function validateSettings(input: unknown): ValidationResult {
  const obj = isRecord(input) ? input : {};
  const errors: FieldError[] = [];
  const out: Record<SettingsField, string> = { clientId: '', tenant: '', cloud: '' };
  for (const field of SETTINGS_FIELDS) {
    const raw = obj[field] === undefined || obj[field] === null ? DEFAULT_SETTINGS[field] : obj[field];
    const message = VALIDATORS[field](raw);
    if (message !== undefined) errors.push({ field, message });
    out[field] = normaliseField(field, raw);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { clientId: out.clientId, tenant: out.tenant, cloud: out.cloud as Cloud } };
}

export interface MergedSettings {
  /** The values in force, as strings, even when some are invalid (so the form can show them). */
  values: Record<SettingsField, string>;
  /** True for each field enterprise policy sets: the UI shows it read-only. */
  managed: Record<SettingsField, boolean>;
  /** Field errors of the values in force; a policy field's message says the value comes from policy. */
  errors: FieldError[];
  /** Present only when every value in force is valid. */
  settings?: Settings;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSet(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

/**
 * Merge managed (policy) settings over local ones. A field the policy sets is managed even when its value is
 * invalid: silently falling back to the local value would let a user side-step the organisation's lock, so
 * the error is reported instead and `settings` stays undefined.
 */
export function mergeSettings(policy: unknown, local: unknown): MergedSettings {
  const p = isRecord(policy) ? policy : {};
  const l = isRecord(local) ? local : {};
  const values: Record<SettingsField, string> = { clientId: '', tenant: '', cloud: '' };
  const managed: Record<SettingsField, boolean> = { clientId: false, tenant: false, cloud: false };
  const errors: FieldError[] = [];
  for (const field of SETTINGS_FIELDS) {
    const fromPolicy = isSet(p[field]);
    managed[field] = fromPolicy;
    const raw = fromPolicy ? p[field] : isSet(l[field]) ? l[field] : DEFAULT_SETTINGS[field];
    const message = VALIDATORS[field](raw);
    if (message !== undefined) {
      errors.push({
        field,
        message: fromPolicy ? t('settings_fromPolicy', { message }) : message,
      });
    }
    values[field] = normaliseField(field, raw);
  }
  const merged: MergedSettings = { values, managed, errors };
  if (errors.length === 0) merged.settings = { clientId: values.clientId, tenant: values.tenant, cloud: values.cloud as Cloud };
  return merged;
}
