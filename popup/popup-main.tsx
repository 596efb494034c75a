import { render } from 'preact';
import './ui/theme.css';
import { popupServices } from './lib/browser-platform';
import { PopupApp } from './ui/PopupApp';

const params = new URLSearchParams(location.search);
const mode = params.get('view') === 'tab' ? 'tab' : 'popup';
if (mode === 'popup') document.body.classList.add('popup');
const job = params.get('job') ?? undefined;

render(<PopupApp services={popupServices()} mode={mode} initialJobId={job} />, document.getElementById('app')!);
