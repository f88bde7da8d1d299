// Kept while the notification pipeline (card-blocks.ts, moving to usecases/notifications) imports it from here.
export * from '../action-ids.js';
