import { render } from 'preact';
import { installMessageSource, messageLocale, messageSourceFrom, t } from '../src/i18n';
import './ui/theme.css';
import { optionsServices } from './lib/browser-platform';
import { OptionsPage } from './ui/OptionsPage';

// Words come from _locales through the browser's i18n API; t() is only called at render time, after this.
installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
document.documentElement.lang = messageLocale();
document.title = t('options_title');
render(<OptionsPage services={optionsServices()} />, document.getElementById('app')!);
