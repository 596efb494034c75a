// The options form's logic, free of the DOM: what to show on load, what to save, which hosts to ask for.
import { cloudEndpoints, isCloud, CLOUDS, type Cloud } from '../../src/clouds';
import {
  DEFAULT_SETTINGS,
  SETTINGS_FIELDS,
  mergeSettings,
  validateClientId,
  validateCloud,
  validateTenant,
  type FieldError,
  type SettingsField,
} from '../../src/config';
import { t } from '../../src/i18n';

/** The clouds with their words (functions: the words exist only once the catalogue is installed). */
export function cloudChoices(): ReadonlyArray<{ value: Cloud; label: string }> {
  return [
    { value: 'Global', label: t('cloud_global') },
    { value: 'UsGov', label: t('cloud_usGov') },
    { value: 'UsGovDoD', label: t('cloud_usGovDoD') },
    { value: 'China', label: t('cloud_china') },
  ];
}

export function fieldLabel(field: SettingsField): string {
  return { clientId: t('settings_clientId'), tenant: t('settings_tenant'), cloud: t('settings_cloud') }[field];
}

export type FieldValues = Record<SettingsField, string>;

export interface FormModel {
  /** What the admin edits (their local values; managed fields are shown from policy instead). */
  local: FieldValues;
  /** Values enterprise policy sets (only meaningful where `managed` is true). */
  policy: FieldValues;
  managed: Record<SettingsField, boolean>;
  /** Problems with policy values, which the admin cannot fix here. */
  policyErrors: FieldError[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Build the form from what storage holds: policy (managed) and local settings. */
export function loadForm(policy: unknown, local: unknown): FormModel {
  const merged = mergeSettings(policy, local);
  const l = isRecord(local) ? local : {};
  const localValues: FieldValues = {
    clientId: str(l.clientId),
    tenant: str(l.tenant) || DEFAULT_SETTINGS.tenant,
    cloud: isCloud(l.cloud) ? l.cloud : DEFAULT_SETTINGS.cloud,
  };
  return {
    local: localValues,
    policy: merged.values,
    managed: merged.managed,
    policyErrors: merged.errors.filter((e) => merged.managed[e.field]),
  };
}

/** The value the form shows for a field: the policy's when managed. */
export function shownValue(model: FormModel, field: SettingsField): string {
  return model.managed[field] ? model.policy[field] : model.local[field];
}

const VALIDATE: Record<SettingsField, (v: unknown) => string | undefined> = {
  clientId: validateClientId,
  tenant: validateTenant,
  cloud: validateCloud,
};

export type SavePlan =
  | { ok: true; toStore: FieldValues; effectiveCloud: Cloud; origins: string[] }
  | { ok: false; errors: FieldError[] };

/**
 * Validate the admin's fields and decide what to store. Managed fields are not validated here (the admin
 * cannot change them; their problems are shown separately) and their stored local value is kept as it was.
 */
export function planSave(model: FormModel): SavePlan {
  const errors: FieldError[] = [];
  const toStore = { ...model.local };
  for (const field of SETTINGS_FIELDS) {
    if (model.managed[field]) continue;
    const value = model.local[field];
    const message = VALIDATE[field](value);
    if (message !== undefined) errors.push({ field, message });
    toStore[field] = field === 'cloud' ? value.trim() : value.trim().toLowerCase();
  }
  if (errors.length > 0) return { ok: false, errors };
  const cloudValue = shownValue({ ...model, local: toStore }, 'cloud');
  const effectiveCloud: Cloud = isCloud(cloudValue) ? cloudValue : 'Global';
  return { ok: true, toStore, effectiveCloud, origins: originsForCloud(effectiveCloud) };
}

/** Host permission patterns the extension needs for a cloud's sign-in and Graph (none extra for Global). */
export function originsForCloud(cloud: Cloud): string[] {
  if (cloud === 'Global') return [];
  const e = cloudEndpoints(cloud);
  return [...new Set([e.loginHost, e.graphHost])].map((h) => `https://${h}/*`);
}

export { CLOUDS };
