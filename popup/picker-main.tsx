import { render } from 'preact';

render(<main>B2B Convert for Entra</main>, document.getElementById('app')!);
