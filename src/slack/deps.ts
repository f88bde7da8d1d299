import type { FastifyBaseLogger } from 'fastify';
import type { UseCases } from '../usecases/index.js';
import type { SlackPeople } from './people.js';

export interface SlackDeps {
  /** Everything a listener may ask of the core: listeners call `usecases.<group>.<fn>(…)` and nothing else. */
  usecases: UseCases;
  people: SlackPeople;
  log: FastifyBaseLogger;
  /** Where links we hand out point (wallboard pages). */
  publicUrl: string;
  /**
   * How long a modal submission may work before it answers with a progress view and shows its result by
   * `views.update` instead (Slack waits 3 s for the answer). Tests set 0 to take the long way every time.
   */
  modalAnswerWithinMs?: number;
  /**
   * How long a command that answers with a modal may look things up before a loading modal takes its trigger_id
   * (default MODAL_LOADING_AFTER_MS). Tests of other things set it high, so their modal is opened directly.
   */
  modalLoadingAfterMs?: number;
}
