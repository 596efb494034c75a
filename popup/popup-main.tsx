import { render } from 'preact';
import { installMessageSource, messageLocale, messageSourceFrom, t } from '../src/i18n';
import './ui/theme.css';
import { popupServices } from './lib/browser-platform';
import { PopupApp } from './ui/PopupApp';

// Words come from _locales through the browser's i18n API; t() is only called at render time, after this.
installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
document.documentElement.lang = messageLocale();
document.title = t('extName');
const params = new URLSearchParams(location.search);
const mode = params.get('view') === 'tab' ? 'tab' : 'popup';
if (mode === 'popup') document.body.classList.add('popup');
const job = params.get('job') ?? undefined;

render(<PopupApp services={popupServices()} mode={mode} initialJobId={job} />, document.getElementById('app')!);
