import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { HeadsetApp } from './features/headset/HeadsetApp';

// The page a VR headset's browser opens from the hub (https://<hub>/headset/): its own small app.
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <HeadsetApp />
  </StrictMode>,
);
