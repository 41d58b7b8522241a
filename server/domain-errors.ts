/**
 * Why a service refused: thrown by services and repositories, which know nothing of HTTP. Each
 * carries the API's documented `code`, a message for the caller and optional structured
 * `details`; its `kind` says what went wrong, and the HTTP edge (http/errors.ts) alone turns a
 * kind into a status. Transport-level refusals (a malformed multipart body, a missing session)
 * stay HttpError, thrown at the edge.
 */

export type DomainErrorKind =
  'invalid_input' | 'not_found' | 'conflict' | 'unsupported_media' | 'media_unsuitable' | 'try_again' | 'gone';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request names something wrong: a value out of range, a cursor this server did not issue. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid_input';
}

/** No such case, user or media (or, deliberately, not one the caller may know about). */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
}

/** The request clashes with what is stored: the media was purged, the email is taken. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** Bytes of a kind this service does not take at all (not a video, an unknown format). */
export class UnsupportedMedia extends DomainError {
  readonly kind = 'unsupported_media';
}

/** Media of the right kind that cannot be used: damaged, cut short, or missing what a vendor needs. */
export class MediaUnsuitable extends DomainError {
  readonly kind = 'media_unsuitable';
}

/** A file that misses vendors' limits; `details.problems` names each vendor, file and limit. */
export class MediaOutOfLimits extends MediaUnsuitable {
  constructor(message: string, details: { problems: readonly object[] }) {
    super('media_out_of_limits', message, details);
  }
}

/** A passing state (another request is storing the same upload): the same request may succeed later. */
export class TryAgain extends DomainError {
  readonly kind = 'try_again';
}

/** Something that existed and is over for good: an expired or cancelled capture session. */
export class Gone extends DomainError {
  readonly kind = 'gone';
}
