import './styles.css';
import { startDashboard } from './app.js';

const root = document.querySelector<HTMLElement>('#app');
if (root !== null) startDashboard(root, { session: sessionStorage, local: localStorage });
