import { render } from 'preact';
import './ui/theme.css';
import { uiServices } from './lib/browser-platform';
import { PickerApp } from './ui/PickerApp';

render(<PickerApp services={uiServices()} />, document.getElementById('app')!);
