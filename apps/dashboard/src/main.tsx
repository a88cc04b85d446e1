// Entry point: take the facilitator's token out of the address, start the languages, draw the page.
import { render } from 'preact';
import './styles/base.css';
import './styles/console.css';
import './styles/projector.css';
import './styles/workshop.css';
import { captureFacilitatorToken } from './api/facilitator-token';
import { initI18n } from './i18n/i18n';
import './inspect';
import { App } from './app';

captureFacilitatorToken();
initI18n();
render(<App />, document.getElementById('app')!);
