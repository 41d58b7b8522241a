/** The application form's text ⇄ request values. */
import type { ApplicationView, CreateApplicationRequest, ProviderId } from '@contract/api';

/** One origin per line; blanks and duplicates dropped, a trailing slash forgiven (the server checks the rest). */
export function parseOrigins(text: string): string[] {
  const origins = text
    .split(/[\n,]/)
    .map((line) => line.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return [...new Set(origins)];
}

export interface ApplicationFormValues {
  name: string;
  allowedProviders: ProviderId[];
  defaultProviders: ProviderId[];
  returnUrlOrigins: string;
  embedOrigins: string;
}

export const EMPTY_FORM: ApplicationFormValues = {
  name: '',
  allowedProviders: [],
  defaultProviders: [],
  returnUrlOrigins: '',
  embedOrigins: '',
};

export function formFromApplication(app: ApplicationView): ApplicationFormValues {
  return {
    name: app.name,
    allowedProviders: app.allowedProviders,
    defaultProviders: app.defaultProviders,
    returnUrlOrigins: app.returnUrlOrigins.join('\n'),
    embedOrigins: app.embedOrigins.join('\n'),
  };
}

/** The request; defaults outside the allowed set are dropped (the server would refuse them). */
export function requestFromForm(values: ApplicationFormValues): CreateApplicationRequest {
  const allowed = new Set(values.allowedProviders);
  return {
    name: values.name.trim(),
    allowedProviders: values.allowedProviders,
    defaultProviders: values.defaultProviders.filter((p) => allowed.has(p)),
    returnUrlOrigins: parseOrigins(values.returnUrlOrigins),
    embedOrigins: parseOrigins(values.embedOrigins),
  };
}

/** Adds or removes one id, keeping the order of `all`. */
export function toggle(list: readonly ProviderId[], id: ProviderId, on: boolean, all: readonly ProviderId[]): ProviderId[] {
  const next = new Set(list);
  if (on) next.add(id);
  else next.delete(id);
  return all.filter((p) => next.has(p));
}
