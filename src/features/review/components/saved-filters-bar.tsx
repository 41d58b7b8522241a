import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSessionUser } from '../../../lib/session';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Button, INPUT_CLASS, SMALL_BUTTON } from '../../../lib/ui';
import { loadSavedFilters, storeSavedFilters, withoutSavedFilter, withSavedFilter, type SavedFilter } from '../saved-filters';

/** The reviewer's saved filters (this browser only) as links, and a form to save the current ones under a name. */
export function SavedFiltersBar({ query }: { query: string }) {
  const user = useSessionUser();
  const nameId = useId();
  const { t } = useReviewI18n();
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [name, setName] = useState('');
  useEffect(() => setSaved(user ? loadSavedFilters(user.id) : []), [user]);
  if (!user) return null;

  const update = (next: SavedFilter[]) => {
    setSaved(next);
    storeSavedFilters(user.id, next);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    update(withSavedFilter(saved, name, query));
    setName('');
  };

  return (
    <section aria-label={t('saved.label')} className="flex flex-wrap items-end gap-2 text-sm" data-testid="saved-filters">
      {saved.length > 0 ? (
        <ul className="flex flex-wrap items-center gap-1">
          {saved.map((f) => (
            <li key={f.name} className="flex items-center rounded-full bg-white ring-1 ring-slate-300">
              <Link
                to={f.query ? `/review?${f.query}` : '/review'}
                className="rounded-l-full px-3 py-1.5 font-medium text-sky-800 underline underline-offset-4"
                aria-current={f.query === query ? 'true' : undefined}
              >
                {f.name}
              </Link>
              <button
                type="button"
                className="min-h-8 rounded-r-full px-2 text-slate-700 hover:bg-slate-100 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
                aria-label={t('saved.remove', { name: f.name })}
                onClick={() => update(withoutSavedFilter(saved, f.name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={save} className="ml-auto flex items-end gap-1">
        <span className="flex flex-col gap-1">
          <label htmlFor={nameId} className="text-xs font-medium text-slate-700">
            {t('saved.saveAs')}
          </label>
          <input
            id={nameId}
            className={`${INPUT_CLASS} w-44`}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('saved.placeholder')}
          />
        </span>
        <Button type="submit" variant="secondary" className={SMALL_BUTTON} disabled={!name.trim()}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}
