import { render } from 'preact';
import { installMessageSource, messageLocale, messageSourceFrom, t } from '../src/i18n';
import './ui/theme.css';
import { uiServices } from './lib/browser-platform';
import { PickerApp } from './ui/PickerApp';

// Words come from _locales through the browser's i18n API; t() is only called at render time, after this.
installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
document.documentElement.lang = messageLocale();
document.title = t('picker_title');
render(<PickerApp services={uiServices()} />, document.getElementById('app')!);
