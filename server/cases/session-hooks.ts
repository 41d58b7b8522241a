/**
 * What the case store tells the integrator sessions (server/sessions) inside its own transactions,
 * so a session change and its webhook event commit with the case change that caused them. The
 * sessions module implements it; cases only knows this interface.
 */
import type { Decision } from '@contract/api';
import type { Db } from '../db/client.js';

export interface CaseSessionHooks {
  /** Before the case from the session's upload is inserted: the session becomes submitted (throws to refuse). */
  claim(tx: Db, e: { sessionId: string; caseId: string; now: Date }): Promise<void>;
  /** After the case and its checks are inserted: the session.submitted event, with them in its view. */
  submitted(tx: Db, e: { sessionId: string; now: Date }): Promise<void>;
  /** A check of the case finished; `final` when none is pending or running any more. */
  checkFinished(tx: Db, e: { caseId: string; final: boolean; now: Date }): Promise<void>;
  /** A reviewer recorded a decision on the case (the decision row is in `tx` already). */
  decided(tx: Db, e: { caseId: string; decision: Decision; now: Date }): Promise<void>;
}
