// Kept while cards.ts (moving to usecases/notifications) registers the card modals' submissions from here.
export { registerCallbackCardViews } from '../listeners/views/callback-card.js';
