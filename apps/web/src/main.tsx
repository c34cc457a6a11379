import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startThemeSync } from './ui/theme';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './app.css';
import './collab.css';
import './workbench.css';
import './experiments.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// index.html already set the theme for the first paint; from here on it follows the setting and the OS.
startThemeSync();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
