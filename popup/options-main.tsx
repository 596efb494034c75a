import { render } from 'preact';
import './ui/theme.css';
import { optionsServices } from './lib/browser-platform';
import { OptionsPage } from './ui/OptionsPage';

render(<OptionsPage services={optionsServices()} />, document.getElementById('app')!);
