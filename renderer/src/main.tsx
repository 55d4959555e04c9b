import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './shell/app-shell';
import { reportError } from './stores/notices-store';
import './styles/primitives.css';

window.addEventListener('unhandledrejection', (event) =>
  reportError('Something failed', event.reason),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
