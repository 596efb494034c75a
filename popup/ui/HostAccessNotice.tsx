// Says when the browser has not granted the hosts the chosen cloud needs (Firefox MV3 lets the user withhold or
// revoke host access) and asks for them with one click. Shows nothing when everything is granted.
import { useEffect, useState } from 'preact/hooks';
import { isCloud } from '../../src/clouds';
import { t } from '../../src/i18n';
import { describeMissingAccess, hostNeeds, type HostNeed } from '../../src/host-access';
import type { HostAccess } from '../lib/platform';
import { Notice } from './common';

/** `cloud` as the worker reports it (AuthStatus.cloud); nothing is checked until it is known. */
export function HostAccessNotice({ cloud: reported, access }: { cloud: string | undefined; access: HostAccess }) {
  const cloud = isCloud(reported) ? reported : undefined;
  const [missing, setMissing] = useState<HostNeed[]>([]);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    if (!cloud) return;
    let live = true;
    const check = () =>
      access.missing(hostNeeds(cloud).map((n) => n.pattern)).then(
        (patterns) => live && setMissing(hostNeeds(cloud).filter((n) => patterns.includes(n.pattern))),
        () => undefined,
      );
    void check();
    const stop = access.onChange(() => void check());
    return () => {
      live = false;
      stop();
    };
  }, [cloud, access]);

  if (missing.length === 0) return null;
  const allow = () => {
    // Called synchronously in the click: the browser only shows its prompt during a user gesture.
    access.request(missing.map((m) => m.pattern)).then(
      (granted) => {
        setRefused(!granted);
        if (granted) setMissing([]);
      },
      () => setRefused(true),
    );
  };
  return (
    <Notice kind="warn" role="alert">
      <p>{describeMissingAccess(missing)}</p>
      <button type="button" onClick={allow}>
        {t('hostAccess_allow')}
      </button>
      {refused && <p>{t('hostAccess_refused')}</p>}
    </Notice>
  );
}
