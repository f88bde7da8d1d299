// Kept while cards.ts (moving to usecases/notifications) registers the card buttons from here.
export { registerCallbackCardActions } from '../listeners/actions/callback-card.js';
