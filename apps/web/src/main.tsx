import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './app.css';
import './collab.css';
import './workbench.css';
import './experiments.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
