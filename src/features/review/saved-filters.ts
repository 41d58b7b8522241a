/**
 * Saved queue filters: named query strings, kept per reviewer in this browser's localStorage (not on the server:
 * they are a personal convenience, and nothing in them is secret). Malformed storage reads as no saved filters.
 */
import { readStored, store } from '../../lib/storage';

export interface SavedFilter {
  name: string;
  /** The queue URL's query string, without the leading `?`. */
  query: string;
}

export const MAX_SAVED_FILTERS = 12;
const MAX_NAME = 40;

export const savedFiltersKey = (userId: string) => `review.savedFilters.${userId}`;

export function parseSavedFilters(text: string | null): SavedFilter[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (v): v is SavedFilter =>
          typeof v === 'object' &&
          v !== null &&
          typeof (v as SavedFilter).name === 'string' &&
          typeof (v as SavedFilter).query === 'string',
      )
      .map((v) => ({ name: v.name.slice(0, MAX_NAME), query: v.query }))
      .slice(0, MAX_SAVED_FILTERS);
  } catch {
    return [];
  }
}

/** Adds (or replaces, by name) a saved filter, newest first, at most MAX_SAVED_FILTERS. */
export function withSavedFilter(list: readonly SavedFilter[], name: string, query: string): SavedFilter[] {
  const trimmed = name.trim().slice(0, MAX_NAME);
  if (!trimmed) return [...list];
  return [{ name: trimmed, query }, ...list.filter((f) => f.name !== trimmed)].slice(0, MAX_SAVED_FILTERS);
}

export function withoutSavedFilter(list: readonly SavedFilter[], name: string): SavedFilter[] {
  return list.filter((f) => f.name !== name);
}

export function loadSavedFilters(userId: string): SavedFilter[] {
  return parseSavedFilters(readStored(savedFiltersKey(userId)));
}

export function storeSavedFilters(userId: string, list: readonly SavedFilter[]): void {
  store(savedFiltersKey(userId), JSON.stringify(list));
}
