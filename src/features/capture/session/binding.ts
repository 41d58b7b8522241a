import type { ProviderId } from '@contract/api';
import type { SessionInputs } from '../capture-effects';

/** What binds the capture page to a session: set by the session page, absent on the open page. */
export interface CaptureBinding extends SessionInputs {
  /** The session's providers: the person does not choose. */
  providers: ProviderId[];
  /** The link a phone opens (QR code of the handoff). */
  sessionUrl: string;
  /** Where the end screen links to while the redirect happens (null: "you can close this page"). */
  returnTo: string | null;
  /** In an iframe: a Cancel button tells the embedding page. */
  onCancel: (() => void) | null;
}
